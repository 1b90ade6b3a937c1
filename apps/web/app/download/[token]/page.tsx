import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SharedFileCard } from './shared-file-card';

/**
 * The page a download link opens (docs/extensions/files.md §6): someone on a node without files-1 got a message
 * with `https://{domain}/download/<token>`. No sign-in, no inbox around it: who sent what, until when, and a
 * download button, on a phone or a desktop.
 */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('download');
  return {
    title: t('pageTitle'),
    // The token in the address is the key to the file: it goes to no other site, and no search engine keeps it.
    referrer: 'no-referrer',
    robots: { index: false, follow: false },
  };
}

export default async function DownloadPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('common');
  return (
    <main className="flex min-h-dvh items-start justify-center bg-slate-50 px-4 py-10 sm:items-center dark:bg-slate-950">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-semibold text-brand-600 dark:text-brand-100">{t('appName')}</p>
        <SharedFileCard token={token} />
      </div>
    </main>
  );
}
