import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

// Every page is rendered per request: its scripts carry that request's CSP nonce (see proxy.ts).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Openmsg',
  description: 'Messages only from people you gave a pass code to.',
  applicationName: 'Openmsg',
  // The manifest (app/manifest.ts) and the icons (app/icon.svg, favicon.ico, apple-icon.png) are linked by Next.js from their files.
  appleWebApp: { capable: true, title: 'Openmsg', statusBarStyle: 'default' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
