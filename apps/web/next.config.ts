import type { NextConfig } from 'next';
import path from 'node:path';

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
    // No page uses next/image (images are unoptimized below), so the image libraries sharp and libvips
    // (about 20 MB) stay out of the image.
    outputFileTracingExcludes: { '*': ['**/node_modules/sharp/**', '**/node_modules/@img/**'] },
  }),
  // The inbox's images are small static icons: no on-the-fly optimization, hence no sharp at run time.
  images: { unoptimized: true },
  // The node's URL is read at run time (OPENMSG_NODE_URL), never baked into the build.
  async headers() {
    return [{ source: '/((?!api/|openmsg/).*)', headers: SECURITY_HEADERS }];
  },
};

export default config;
