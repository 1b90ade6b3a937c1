import Link from 'next/link';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';

/** What a new user sees: how to get connected, since nobody can write to them without a pass code. */
export function EmptyInbox() {
  const t = useTranslations('inbox.empty');
  const link = (href: string) => (chunks: ReactNode) => (
    <Link href={href} className="font-medium text-brand-600 underline dark:text-brand-100">
      {chunks}
    </Link>
  );
  return (
    <div className="mx-auto max-w-sm px-6 py-12 text-center">
      <h1 className="text-lg font-semibold">{t('title')}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
      <ul className="mt-4 space-y-2 text-start text-sm">
        <li>{t.rich('generate', { link: link('/passcodes') })}</li>
        <li>{t.rich('connect', { link: link('/connect') })}</li>
      </ul>
    </div>
  );
}
