import { describe, expect, it } from 'vitest';
import type { MessageView } from '@openmsg/core/api';
import { dayLabel as dayLabelIn } from '../lib/format-time';
import { translator } from './translators';

const en = { t: await translator('common'), locale: 'en' };
const dayLabel = (iso: string, now: Date) => dayLabelIn(iso, now, en);
import { layOutThread } from '../lib/thread-layout';

let counter = 0;
const at = (local: string, direction: 'in' | 'out' = 'out'): MessageView => ({
  id: `m${++counter}`,
  otherAddress: 'x*b.test',
  failureCode: null,
  failureReason: null,
  attachments: [],
  deliverBy: null,
  clientId: null,
  attempts: 0,
  createdAt: new Date(local).toISOString(), // a local time: days are the user's
  deliveredAt: null,
  readAt: null,
  contactId: 'c',
  conversationId: 'conv',
  direction,
  text: 'hi',
  state: direction === 'in' ? 'received' : 'delivered',
});
const shape = (messages: MessageView[]) =>
  layOutThread(messages).map((day) =>
    day.groups.map((group) => `${group.direction}${group.messages.length}`).join(' '),
  );

describe('a thread laid out in days and groups', () => {
  it('groups consecutive messages from one side; the other side or a gap over five minutes starts a new group', () => {
    const messages = [
      at('2026-11-26T09:00'),
      at('2026-11-26T09:01'),
      at('2026-11-26T09:06'),
      at('2026-11-26T09:11:01'),
      at('2026-11-26T09:12', 'in'),
      at('2026-11-26T09:12:30', 'in'),
      at('2026-11-26T09:13'),
    ];
    expect(shape(messages)).toEqual(['out3 out1 in2 out1']);
  });

  it('a new day starts a new day and a new group, even a minute later', () => {
    expect(shape([at('2026-11-26T23:59'), at('2026-11-27T00:00'), at('2026-11-27T00:01')])).toEqual(['out1', 'out2']);
    expect(layOutThread([at('2026-11-26T23:59'), at('2026-11-27T00:00')]).map((day) => day.key)).toEqual([
      '2026-11-26',
      '2026-11-27',
    ]);
  });

  it('an empty thread has no days', () => {
    expect(layOutThread([])).toEqual([]);
  });
});

describe('day separators', () => {
  const now = new Date('2026-11-27T12:00');
  it('say Today and Yesterday, then the date in the locale (with the year when it is another)', () => {
    expect(dayLabel(new Date('2026-11-27T00:05').toISOString(), now)).toBe('Today');
    expect(dayLabel(new Date('2026-11-26T23:55').toISOString(), now)).toBe('Yesterday');
    const older = new Date('2026-11-20T10:00');
    expect(dayLabel(older.toISOString(), now)).toBe(
      older.toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long' }),
    );
    expect(dayLabel(new Date('2025-11-20T10:00').toISOString(), now)).toContain('2025');
  });

  it('Yesterday across a month boundary', () => {
    expect(dayLabel(new Date('2026-11-30T22:00').toISOString(), new Date('2026-12-01T08:00'))).toBe('Yesterday');
  });
});
