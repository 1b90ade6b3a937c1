'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { type ShareOutcome, shareOrCopy, type TextToShare } from '@/lib/share-or-copy';

/**
 * "Share": the system share sheet where the browser has one, the clipboard otherwise (lib/share-or-copy.ts), with
 * a line saying what happened when it was not the sheet.
 */
export function ShareButton({
  data,
  label,
  variant = 'secondary',
  className,
}: {
  data: TextToShare;
  label?: string;
  variant?: 'primary' | 'secondary';
  className?: string;
}) {
  const t = useTranslations('share.button');
  const [outcome, setOutcome] = useState<ShareOutcome | null>(null);
  const said: Partial<Record<ShareOutcome, string>> = {
    copied: t('copied'),
    'copied-instead': t('copiedInstead'),
    failed: t('failed'),
  };
  return (
    <span className={`inline-flex flex-col items-start gap-1 ${className ?? ''}`}>
      <Button
        variant={variant}
        onClick={async () => {
          setOutcome(null);
          setOutcome(await shareOrCopy(data));
        }}
      >
        {label ?? t('share')}
      </Button>
      <span
        className={`text-xs ${outcome === 'failed' ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}
        aria-live="polite"
        data-testid="share-outcome"
      >
        {outcome ? (said[outcome] ?? '') : ''}
      </span>
    </span>
  );
}
