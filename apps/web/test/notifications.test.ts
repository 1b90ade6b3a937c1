import { describe, expect, it } from 'vitest';
import { notificationPreview } from '../lib/notifications';

describe('a notification’s preview of a message', () => {
  it('keeps a short message whole, on one line', () => {
    expect(notificationPreview('  Hello\n\nBob  ')).toBe('Hello Bob');
  });

  it('shows the first twelve words of a long one', () => {
    expect(notificationPreview('one two three four five six seven eight nine ten eleven twelve thirteen')).toBe(
      'one two three four five six seven eight nine ten eleven twelve …',
    );
  });

  it('cuts a long unbroken word at 120 characters without splitting an emoji', () => {
    const preview = notificationPreview('😀'.repeat(200));
    expect([...preview]).toHaveLength(120);
    expect(preview.endsWith('😀…')).toBe(true);
  });
});
