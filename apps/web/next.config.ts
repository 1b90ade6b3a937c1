import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Other nodes call /openmsg/auth/ with the slash; a redirect would break their POST.
  skipTrailingSlashRedirect: true,
  // The node's URL is read at run time (OPENMSG_NODE_URL), never baked into the build.
};

export default config;
