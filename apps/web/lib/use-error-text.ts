'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { errorLine, errorText } from './error-text';

/** errorText and errorLine (lib/error-text.ts) in the reader's language, for a component. */
export function useErrorText() {
  const t = useTranslations('errors');
  const locale = useLocale();
  return useMemo(() => {
    const text = { t, locale };
    return {
      text,
      errorText: (caught: unknown, fallback: string) => errorText(caught, fallback, text),
      errorLine: (caught: unknown, fallback: string) => errorLine(caught, fallback, text),
    };
  }, [t, locale]);
}
