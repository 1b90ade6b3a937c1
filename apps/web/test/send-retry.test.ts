import { describe, expect, it } from 'vitest';
import { OpenmsgError } from '../lib/api-client';
import { retryDelayMs, waitingSentence } from '../lib/send-retry';
import { translator } from './translators';

const t = await translator('composer');

describe('a send the node could not save waits and goes again', () => {
  it.each(['database_unavailable', 'storage_full', 'storage_read_only'] as const)(
    '%s: after the node’s Retry-After',
    (code) => {
      expect(retryDelayMs(new OpenmsgError(503, code, 'cannot save now', [], null, 7))).toBe(7000);
    },
  );

  it('without Retry-After after 5 s, and never sooner than 1 s or later than a minute', () => {
    expect(retryDelayMs(new OpenmsgError(503, 'database_unavailable', 'cannot save now'))).toBe(5000);
    expect(retryDelayMs(new OpenmsgError(503, 'storage_full', 'full', [], null, 0))).toBe(1000);
    expect(retryDelayMs(new OpenmsgError(503, 'storage_full', 'full', [], null, 3600))).toBe(60_000);
  });

  it('gives any other failure back to the person', () => {
    for (const code of [
      'internal_error',
      'service_unavailable',
      'busy',
      'offline',
      'not_connected',
      'message_too_long',
    ] as const) {
      expect(retryDelayMs(new OpenmsgError(503, code, 'no', [], null, 5))).toBeNull();
    }
    expect(retryDelayMs(new Error('a bug'))).toBeNull();
  });

  it('says how many wait, in the issue’s words', () => {
    expect(waitingSentence(1, t)).toBe(
      '1 message is waiting. Your node cannot save messages right now; this one will be sent when it can.',
    );
    expect(waitingSentence(3, t)).toBe(
      '3 messages are waiting. Your node cannot save messages right now; they will be sent when it can.',
    );
  });
});
