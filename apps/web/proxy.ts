import type { NextRequest } from 'next/server';
import { dropClientForwardingHeaders } from './lib/client-address';
import { withContentSecurityPolicy } from './lib/content-security-policy';

/**
 * Next.js "proxy" (formerly middleware; not the pass-through to the node, that is
 * lib/node-proxy.ts). Requests for the node lose the forwarding headers a client made up
 * (lib/client-address.ts); pages get their per-request Content-Security-Policy.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith('/api/') || pathname.startsWith('/openmsg/')) return dropClientForwardingHeaders(request);
  return withContentSecurityPolicy(request);
}

export const config = {
  matcher: [
    '/api/:path*',
    '/openmsg/:path*',
    {
      // Pages only: not static files, not prefetches.
      source: '/((?!api/|openmsg/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
