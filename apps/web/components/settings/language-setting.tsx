'use client';

import { useTranslations } from 'next-intl';
import { LanguagePicker } from '@/components/language-picker';

/** Settings' language section: the browser's language, or one chosen for this browser. */
export function LanguageSetting() {
  const t = useTranslations('settings.language');
  return (
    <section className="space-y-3" aria-labelledby="language-title">
      <h2 id="language-title" className="font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('hint')}</p>
      <LanguagePicker />
    </section>
  );
}
