'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { AddressText } from '@/components/ui/address-text';
import { Button } from '@/components/ui/button';
import { ShareAddressButton } from '@/components/share/share-address-button';
import { useInbox } from '@/lib/inbox-context';
import { nextPath } from '@/lib/next-path';
import { richText } from '@/lib/rich-text';
import { useLocationSearch } from '@/lib/use-location-search';

/** After sign-up: the new address, large, with Copy, and the two ways to a first conversation. */
export default function WelcomePage() {
  const t = useTranslations('welcome');
  const { me } = useInbox();
  const [copied, setCopied] = useState(false);
  /** The page a signed-out visitor first opened (an invitation link), if any. */
  const next = nextPath(useLocationSearch(), '') || null;
  const copy = async () => {
    await navigator.clipboard.writeText(me.address).catch(() => undefined);
    setCopied(true);
  };
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-xl px-4 py-10">
        <h1 className="text-2xl font-semibold tracking-tight">
          {t.rich('title', { name: me.displayName, ...richText })}
        </h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
        <section
          aria-label={t('addressLabel')}
          className="mt-6 rounded-2xl border border-brand-100 bg-brand-50 p-5 dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="font-semibold">
            <AddressText address={me.address} maxRem={2.25} data-testid="welcome-address" />
          </p>
          <ShareAddressButton address={me.address} className="mt-4" />
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <Button variant="secondary" onClick={() => void copy()}>
              {t('copy')}
            </Button>
            <span className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
              {copied ? t('copied') : ''}
            </span>
          </div>
        </section>
        {next ? (
          <p className="mt-6">
            <Link href={next} className="font-medium text-brand-600 underline dark:text-brand-100">
              {next.startsWith('/connect') ? t('continueInvitation') : t('continue')}
            </Link>
          </p>
        ) : null}
        <h2 className="mt-8 font-semibold">{t('next')}</h2>
        <ol className="mt-3 space-y-3 text-sm">
          <li className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
            <Link href="/passcodes" className="font-medium text-brand-600 underline dark:text-brand-100">
              {t('share')}
            </Link>
            <p className="mt-1 text-slate-600 dark:text-slate-400">{t('shareText')}</p>
          </li>
          <li className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
            <Link href="/connect" className="font-medium text-brand-600 underline dark:text-brand-100">
              {t('connect')}
            </Link>
            <p className="mt-1 text-slate-600 dark:text-slate-400">{t('connectText')}</p>
          </li>
        </ol>
        <p className="mt-8 text-sm">
          <Link href="/" className="font-medium text-brand-600 underline dark:text-brand-100">
            {t('inbox')}
          </Link>
        </p>
      </div>
    </div>
  );
}
