import type { NextConfig } from 'next';
import path from 'node:path';
import createNextIntlPlugin from 'next-intl/plugin';

/**
 * Pages of an inbox must never be framed (clickjacking) or sniffed; the only device feature they ask for is the
 * camera, on this origin, to scan a pass code's QR code on the Connect page.
 * The Content-Security-Policy (frame-ancestors 'none' included) is set per request, with a nonce, by proxy.ts.
 */
const SECURITY_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=(), payment=()' },
];

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Other nodes call /openmsg/auth/ with the slash; a redirect would break their POST.
  skipTrailingSlashRedirect: true,
  // Types are checked once, by the web package's `typecheck` task (`tsc --noEmit`, part of the test
  // command and CI), not a second time inside every build.
  typescript: { ignoreBuildErrors: true },
  // The container image builds with NEXT_OUTPUT=standalone (docker/web.Dockerfile): a self-contained
  // server.js traced from the repository root. `next start` (scripts/start.sh, e2e) uses the default output.
  ...(process.env.NEXT_OUTPUT === 'standalone' && {
    output: 'standalone' as const,
    outputFileTracingRoot: path.join(__dirname, '../..'),
  }),
  // The inbox's images are small static icons: no on-the-fly optimization, hence no sharp at run time
  // (docker/web.Dockerfile leaves it out of the image).
  images: { unoptimized: true },
  // The node's URL is read at run time (OPENMSG_NODE_URL), never baked into the build.
  async headers() {
    return [
      { source: '/((?!api/|openmsg/).*)', headers: SECURITY_HEADERS },
      // The service worker and its scripts are checked for a new version on every visit, never served stale.
      { source: '/sw.js', headers: [{ key: 'Cache-Control', value: 'no-cache' }] },
      { source: '/sw/:path*', headers: [{ key: 'Cache-Control', value: 'no-cache' }] },
    ];
  },
};

// next-intl reads the request's language and catalogue from i18n/request.ts. The catalogues
// (messages/<locale>/<namespace>.json) are compiled when the app is built, so pages ship a small
// formatter instead of the ICU message parser (about 10 KB gzipped off every page's first load).
export default createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
})(config);
