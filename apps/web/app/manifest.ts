import type { MetadataRoute } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { directionOf } from '@/i18n/locales';
import { SHARE_ACTION } from '@/lib/shared-content';

/** /manifest.webmanifest: the inbox installs as an app (icons drawn by scripts/make-icons.mjs). */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const t = await getTranslations('common');
  const locale = await getLocale();
  return {
    name: t('appName'),
    short_name: t('appName'),
    description: t('tagline'),
    lang: locale,
    dir: directionOf(locale),
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
    // Installed, the inbox is in the system share sheet: text and files of any type (the node takes any) go to
    // /share to pick a conversation (public/sw/share-target.js keeps them; the route of the same path without it).
    share_target: {
      action: SHARE_ACTION,
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'files', accept: ['*/*'] }] },
    },
  };
}
