import { type NextRequest, NextResponse } from 'next/server';
import { SESSION_COOKIE } from '@openmsg/core/api/session-names';
import { dropClientForwardingHeaders } from './lib/client-address';
import { withContentSecurityPolicy } from './lib/content-security-policy';
import { SHARE_ACTION } from './lib/shared-content';

/**
 * Next.js "proxy" (formerly middleware; not the pass-through to the node, that is
 * lib/node-proxy.ts). Requests for the node lose the forwarding headers a client made up
 * (lib/client-address.ts); pages get their per-request Content-Security-Policy.
 */
const AUTH_PAGES = new Set(['/sign-in', '/sign-up']);

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith('/api/') || pathname.startsWith('/openmsg/')) return dropClientForwardingHeaders(request);
  // Without a session cookie an inbox page can only end at sign-in: go there at once, rather than
  // load the inbox to be refused by GET /me (a 401 the browser logs as an error on every visit).
  // The page asked for goes along as ?next= (an invitation link opened signed out keeps its address and code).
  if (!AUTH_PAGES.has(pathname) && !isPublicPage(pathname) && !request.cookies.has(SESSION_COOKIE))
    return NextResponse.redirect(signInUrl(request));
  return withContentSecurityPolicy(request);
}

/**
 * A download link's page (app/download/): for someone on another node, who has no account here. And the share
 * target's POST (app/(inbox)/share/incoming/route.ts), which answers 303 to /share: redirected here instead, the
 * browser would send the POST on to /sign-in and the shared text would be lost.
 */
function isPublicPage(pathname: string): boolean {
  return pathname.startsWith('/download/') || pathname === SHARE_ACTION;
}

function signInUrl(request: NextRequest): URL {
  const url = new URL('/sign-in', request.url);
  const asked = request.nextUrl.pathname + request.nextUrl.search;
  if (asked !== '/') url.searchParams.set('next', asked);
  return url;
}

export const config = {
  matcher: [
    '/api/:path*',
    '/openmsg/:path*',
    {
      // Pages only: not static files (the icons and the web app manifest, asked for signed out too), not prefetches.
      source:
        '/((?!api/|openmsg/|_next/static|_next/image|favicon.ico|icon.svg|apple-icon.png|manifest.webmanifest|icons/|sw.js|sw/).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
