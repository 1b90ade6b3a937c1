'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { richText } from '@/lib/rich-text';
import { LINK_SCHEME } from '@/lib/share-text';

/**
 * Makes this inbox the browser's handler for `web+openmsg:` links (the link in a share text and in
 * a QR code): the browser then opens `/connect?uri=<link>` here, prefilled. Browsers ask for it only
 * from a click, and say nothing back about the person's answer, so the text says what was asked.
 */
export function LinkHandlerButton() {
  const t = useTranslations('connect.linkHandler');
  const [asked, setAsked] = useState<'asked' | 'unsupported' | null>(null);
  function register() {
    try {
      navigator.registerProtocolHandler(LINK_SCHEME, `${window.location.origin}/connect?uri=%s`);
      setAsked('asked');
    } catch {
      setAsked('unsupported');
    }
  }
  return (
    <div className="space-y-1">
      <button
        type="button"
        onClick={register}
        className="text-sm font-medium text-brand-600 underline dark:text-brand-100"
      >
        {t('button')}
      </button>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {t.rich('explain', { scheme: `${LINK_SCHEME}:…`, ...richText })}
      </p>
      <p className="min-h-4 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {asked === 'asked'
          ? t.rich('asked', { scheme: `${LINK_SCHEME}:`, ...richText })
          : asked === 'unsupported'
            ? t('unsupported')
            : ''}
      </p>
    </div>
  );
}
