'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { richText } from '@/lib/rich-text';

/**
 * Whole seconds until `until`, ticking every second; 0 once it has passed, and for good: a clock set back afterwards
 * (the device's time corrected, a laptop waking) does not bring an expired code back to life on the card.
 */
export function useSecondsLeft(until: string): number {
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, Math.floor((new Date(until).getTime() - now) / 1000));
  const [endedFor, setEndedFor] = useState<string | null>(null);
  const ended = endedFor === until || left === 0;
  useEffect(() => {
    if (ended) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= new Date(until).getTime()) setEndedFor(until);
    }, 1000);
    return () => clearInterval(timer);
  }, [ended, until]);
  return ended ? 0 : left;
}

/** "59:12 left", ticking every second; "expired" at the end. */
export function Countdown({ until }: { until: string }) {
  const t = useTranslations('passcodes.countdown');
  const left = useSecondsLeft(until);
  if (left === 0) return <span className="text-red-600">{t('expired')}</span>;
  // The clock reads left to right in every language (as on a watch), so it keeps its digits' order in Arabic too.
  const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <span className="tabular-nums" role="timer" aria-label={t('minutesLeft', { count: Math.ceil(left / 60) })}>
      {t.rich('left', { clock, ...richText })}
    </span>
  );
}
