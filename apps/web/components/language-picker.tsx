'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, useSyncExternalStore, useTransition } from 'react';
import { isLocale, LOCALE_NAMES, LOCALES, negotiateLocale } from '@/i18n/locales';
import { chooseLocale, chosenLocale } from '@/lib/locale-cookie';

const BROWSER = 'browser';
const noSubscription = () => () => undefined;

/**
 * The inbox's language: the browser's (what it asks for, by Accept-Language) or one chosen here, kept in a cookie.
 * Each language is written in its own name, so a reader lost in a language they do not know finds theirs.
 */
export function LanguagePicker({ compact = false }: { compact?: boolean }) {
  const t = useTranslations('settings.language');
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  // The cookie and the browser's languages exist only in the browser: the server renders "browser" first.
  const stored = useSyncExternalStore(noSubscription, chosenLocale, () => null);
  const browserLocale = useSyncExternalStore(
    noSubscription,
    () => negotiateLocale(navigator.languages.join(',')),
    () => locale,
  );
  const [picked, setPicked] = useState<string | null>(null);
  const value = picked ?? (isLocale(stored) ? stored : BROWSER);

  function change(next: string) {
    setPicked(next);
    chooseLocale(isLocale(next) ? next : null);
    startTransition(() => router.refresh());
  }

  return (
    <div className={compact ? 'flex items-center justify-center gap-2 text-sm' : 'space-y-1'}>
      <label
        htmlFor={id}
        className={
          compact
            ? 'text-slate-600 dark:text-slate-400'
            : 'block text-sm font-medium text-slate-700 dark:text-slate-300'
        }
      >
        {t('label')}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => change(event.target.value)}
        aria-busy={pending || undefined}
        data-testid="language-picker"
        className="block rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <option value={BROWSER}>{t('browser', { language: LOCALE_NAMES[browserLocale] })}</option>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
