import type { Translator } from '@/i18n/translator';

/**
 * Times in the reader's language: the `common` namespace (its `time.*` words) and the locale for Intl. No time zone
 * is given, so the browser's own applies; these run in client components only, after the data loaded in the
 * browser, so the server never renders a time the browser would render differently (no hydration mismatch).
 */
export interface TimeText {
  t: Translator<'common'>;
  locale: string;
}

/**
 * How far back a time is in calendar days of the user's time zone: the one rule behind every relative
 * date the inbox shows (the conversation list and search results as much as a thread's separators),
 * so a message the thread files under "Yesterday" is never "Sun" in the list. A day starts at local
 * midnight, not 24 hours ago.
 */
export type CalendarDistance = 'today' | 'yesterday' | 'this-week' | 'this-year' | 'older';

/** Calendar days from `date` to `now` (0 today, 1 yesterday), counted on local dates so a DST change does not shift them. */
function daysBefore(date: Date, now: Date): number {
  const day = (when: Date) => Date.UTC(when.getFullYear(), when.getMonth(), when.getDate());
  return Math.round((day(now) - day(date)) / 86_400_000);
}

export function calendarDistance(iso: string, now = new Date()): CalendarDistance {
  const date = new Date(iso);
  const days = daysBefore(date, now);
  if (days <= 0) return 'today'; // a time slightly ahead (another clock) still counts as today
  if (days === 1) return 'yesterday';
  if (days < 7) return 'this-week';
  return date.getFullYear() === now.getFullYear() ? 'this-year' : 'older';
}

/** "14:05" today, "Yesterday", "Mon" within the week, else "12 Mar" ("12 Mar 2025" another year): what a list shows. */
export function shortTime(iso: string, now: Date, { t, locale }: TimeText): string {
  const date = new Date(iso);
  switch (calendarDistance(iso, now)) {
    case 'today':
      return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
    case 'yesterday':
      return t('time.yesterday');
    case 'this-week':
      return date.toLocaleDateString(locale, { weekday: 'short' });
    case 'this-year':
      return date.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
    case 'older':
      return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  }
}

/** "now", "5 min", "3 h" earlier today, then like shortTime ("Yesterday", "Sun", "12 Mar"): what the conversation list shows. */
export function relativeTime(iso: string, now: Date, text: TimeText): string {
  if (calendarDistance(iso, now) !== 'today') return shortTime(iso, now, text);
  const { t } = text;
  const minutes = Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return t('time.now');
  if (minutes < 60) return t('time.minutes', { count: minutes });
  return t('time.hours', { count: Math.floor(minutes / 60) });
}

export function fullTime(iso: string, { locale }: Pick<TimeText, 'locale'>): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The calendar day of a time in the user's time zone, as a key ("2026-11-27"). */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** A thread's day separator: "Today", "Yesterday", else the date in the user's locale ("Monday, 23 November"; the year when not this one). */
export function dayLabel(iso: string, now: Date, { t, locale }: TimeText): string {
  const distance = calendarDistance(iso, now);
  if (distance === 'today') return t('time.today');
  if (distance === 'yesterday') return t('time.yesterday');
  const year = distance === 'older' ? 'numeric' : undefined;
  return new Date(iso).toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year });
}

/** "14:05" or "2:05 PM": a time of day in the user's locale (the day is on the separator above). */
export function timeOfDay(iso: string, { locale }: Pick<TimeText, 'locale'>): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
}
