import type { MetadataRoute } from 'next';

/** /manifest.webmanifest: the inbox installs as an app (icons drawn by scripts/make-icons.mjs). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Openmsg',
    short_name: 'Openmsg',
    description: 'Messages only from people you gave a pass code to.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#2159c4',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
    // The pass-code link opens this inbox's Connect page prefilled (see lib/share-text.ts).
    protocol_handlers: [{ protocol: 'web+openmsg', url: '/connect?uri=%s' }],
  };
}
