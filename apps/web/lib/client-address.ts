import { NextResponse, type NextRequest } from 'next/server';

/**
 * The address of the socket a request came from, as Next.js reports it to route handlers.
 *
 * Next.js never shows a route handler the socket: `next start` sets `X-Forwarded-For` to the
 * socket's address only when the request has none, so a client could choose it by sending one.
 * The proxy (proxy.ts) therefore removes every forwarding header the client sent from requests
 * to /api and /openmsg; Next.js then fills `X-Forwarded-For` itself, from the socket, before the
 * route handler runs. e2e/client-address.spec.ts holds Next.js to this.
 */
export const CLIENT_FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

export function dropClientForwardingHeaders(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  for (const name of CLIENT_FORWARDING_HEADERS) headers.delete(name);
  return NextResponse.next({ request: { headers } });
}

/** The socket address Next.js put in X-Forwarded-For after the proxy removed the client's. */
export function clientAddressOf(request: Request): string | null {
  const value = request.headers.get('x-forwarded-for');
  if (!value || value.includes(',')) return null;
  return value.trim() || null;
}
