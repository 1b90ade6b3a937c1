'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { dayLabel, fullTime, relativeTime, shortTime, timeOfDay } from './format-time';

/** The times of lib/format-time.ts in the inbox's language, for a component (`now` defaults to this moment). */
export function useTimeFormat() {
  const locale = useLocale();
  const t = useTranslations('common');
  return useMemo(() => {
    const text = { t, locale };
    return {
      shortTime: (iso: string, now = new Date()) => shortTime(iso, now, text),
      relativeTime: (iso: string, now = new Date()) => relativeTime(iso, now, text),
      fullTime: (iso: string) => fullTime(iso, text),
      dayLabel: (iso: string, now = new Date()) => dayLabel(iso, now, text),
      timeOfDay: (iso: string) => timeOfDay(iso, text),
      locale,
    };
  }, [locale, t]);
}
