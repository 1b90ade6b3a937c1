import { describe, expect, it } from 'vitest';
import {
  calendarDistance,
  dayLabel as dayLabelIn,
  relativeTime as relativeIn,
  shortTime as shortIn,
} from '../lib/format-time';
import { translator } from './translators';

const en = { t: await translator('common'), locale: 'en' };
const dayLabel = (iso: string, now: Date) => dayLabelIn(iso, now, en);
const relativeTime = (iso: string, now: Date) => relativeIn(iso, now, en);
const shortTime = (iso: string, now: Date) => shortIn(iso, now, en);

/** A local time (the user's time zone), as the API's ISO string. */
const at = (local: string) => new Date(local).toISOString();

describe('one rule for relative dates (the list and the thread agree)', () => {
  const now = new Date('2026-12-07T09:00'); // a Monday morning

  it('a message from yesterday is "Yesterday" in the list, as on the thread separator, whatever the hours between', () => {
    for (const when of ['2026-12-06T08:00', '2026-12-06T23:30', '2026-12-06T00:00']) {
      expect(dayLabel(at(when), now)).toBe('Yesterday');
      expect(relativeTime(at(when), now)).toBe('Yesterday'); // was "Sun" (25 h ago) or "10 h" (before midnight)
      expect(shortTime(at(when), now)).toBe('Yesterday');
    }
  });

  it('earlier today: minutes and hours in the list, "Today" on the separator', () => {
    expect(relativeTime(at('2026-12-07T08:59:40'), now)).toBe('now');
    expect(relativeTime(at('2026-12-07T08:15'), now)).toBe('45 min');
    expect(relativeTime(at('2026-12-07T00:10'), now)).toBe('8 h');
    expect(dayLabel(at('2026-12-07T00:10'), now)).toBe('Today');
  });

  it('within the week the weekday, the same day the separator names', () => {
    const friday = at('2026-12-04T18:00');
    expect(calendarDistance(friday, now)).toBe('this-week');
    const weekday = new Date(friday).toLocaleDateString('en', { weekday: 'short' });
    expect(relativeTime(friday, now)).toBe(weekday);
    expect(dayLabel(friday, now).startsWith(new Date(friday).toLocaleDateString('en', { weekday: 'long' }))).toBe(true);
    // Six days back is still a weekday; seven is a date (the weekday would be today's name again).
    expect(calendarDistance(at('2026-12-01T09:00'), now)).toBe('this-week');
    expect(calendarDistance(at('2026-11-30T23:00'), now)).toBe('this-year');
    expect(relativeTime(at('2026-11-30T23:00'), now)).toBe(
      new Date('2026-11-30T23:00').toLocaleDateString('en', { day: 'numeric', month: 'short' }),
    );
  });

  it('another year carries the year, in the list as on the separator', () => {
    const old = at('2025-11-20T10:00');
    expect(calendarDistance(old, now)).toBe('older');
    expect(relativeTime(old, now)).toContain('2025');
    expect(dayLabel(old, now)).toContain('2025');
  });

  it('yesterday across a month and a year boundary', () => {
    expect(calendarDistance(at('2026-12-31T23:59'), new Date('2027-01-01T00:01'))).toBe('yesterday');
    expect(relativeTime(at('2026-12-31T23:59'), new Date('2027-01-01T00:01'))).toBe('Yesterday');
  });

  it('every hour of the last ten days: the list says "Yesterday" exactly when the separator does, and never a weekday for today or yesterday', () => {
    for (let hours = 0; hours < 240; hours++) {
      const iso = new Date(now.getTime() - hours * 3_600_000).toISOString();
      const separator = dayLabel(iso, now);
      const list = relativeTime(iso, now);
      expect(list === 'Yesterday', `${iso}: list "${list}", separator "${separator}"`).toBe(separator === 'Yesterday');
      if (separator === 'Today') expect(list).toMatch(/^(now|\d+ min|\d+ h)$/);
      if (separator !== 'Today' && separator !== 'Yesterday') {
        const weekdayOrDate = shortTime(iso, now);
        expect(list).toBe(weekdayOrDate);
      }
    }
  });

  it('in German and Arabic: the words translated, dates by the locale, the same calendar rule', async () => {
    const de = { t: await translator('common', 'de'), locale: 'de' };
    const ar = { t: await translator('common', 'ar'), locale: 'ar' };
    expect(relativeIn(at('2026-12-07T08:15'), now, de)).toBe('45 Min.');
    expect(dayLabelIn(at('2026-12-06T08:00'), now, de)).toBe('Gestern');
    expect(dayLabelIn(at('2026-11-20T10:00'), now, de)).toBe('Freitag, 20. November');
    expect(relativeIn(at('2026-12-07T07:00'), now, ar)).toBe('ساعتان');
    expect(dayLabelIn(at('2026-12-07T00:10'), now, ar)).toBe('اليوم');
  });
});
