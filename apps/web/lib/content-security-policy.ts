import { NextResponse, type NextRequest } from 'next/server';

/**
 * The pages' Content-Security-Policy, with a fresh nonce per request. Next.js reads the nonce from
 * the request's policy while rendering and puts it on every script it emits, so only those run: no
 * 'unsafe-inline' for scripts. A nonce needs a render per request, hence
 * `dynamic = 'force-dynamic'` in app/layout.tsx.
 */
export function withContentSecurityPolicy(request: NextRequest): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': a nonced script may load the page's other chunks. React in development evaluates code.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // The pass-code QR code is an SVG data URL.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The client API and the event stream are on this origin.
    "connect-src 'self'",
    // The service worker (public/sw.js): under 'strict-dynamic' script-src would no longer allow 'self'.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
