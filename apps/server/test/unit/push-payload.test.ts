import { describe, expect, it } from 'vitest';
import { PREVIEW_CODE_POINTS, pushPayload } from '../../src/push/push-payload';

const message = {
  conversationId: '0190c1d2-0000-7000-8000-000000000001',
  messageId: '0190c1d2-0000-7000-8000-000000000002',
  from: 'Ann Smith',
  text: 'Hello',
  files: 2,
  sentAt: new Date('2026-12-06T12:00:00.000Z'),
};

describe('the push payload', () => {
  it('carries the text only with previews', () => {
    expect(JSON.parse(pushPayload(message, true))).toEqual({
      kind: 'message',
      conversationId: message.conversationId,
      messageId: message.messageId,
      from: 'Ann Smith',
      text: 'Hello',
      files: 2,
      sentAt: '2026-12-06T12:00:00.000Z',
    });
    expect(JSON.parse(pushPayload(message, false)).text).toBeNull();
  });

  it('cuts the text to 200 code points, never inside a surrogate pair, and stays far below 4096 bytes at worst', () => {
    const astral = pushPayload({ ...message, text: '𝄞'.repeat(500) }, true);
    expect([...(JSON.parse(astral) as { text: string }).text]).toEqual(Array(PREVIEW_CODE_POINTS).fill('𝄞'));
    const worst = pushPayload({ ...message, from: '\u0001'.repeat(1000), text: '\u0001'.repeat(5000) }, true);
    expect(Buffer.byteLength(worst)).toBeLessThan(2200);
  });
});
