import type { NextRequest } from 'next/server';
import { dropClientForwardingHeaders } from './lib/client-address';

/** Requests passed on to the node must not carry forwarding headers the client made up (lib/client-address.ts). */
export function proxy(request: NextRequest) {
  return dropClientForwardingHeaders(request);
}

export const config = { matcher: ['/api/:path*', '/openmsg/:path*'] };
