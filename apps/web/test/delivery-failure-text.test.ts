import { describe, expect, it } from 'vitest';
import { DELIVERY_FAILURE_CODES, type MessageView } from '@openmsg/core/api';
import { deliveryFailureText, reconnectHref } from '../lib/delivery-failure-text';
import { translator } from './translators';

const t = await translator('delivery');

const until = (iso: string) => `[${iso}]`;
const failed = (
  failureCode: string | null,
  failureReason: string | null = 'b.test: refused',
): Pick<MessageView, 'state' | 'failureCode' | 'failureReason' | 'deliverBy'> => ({
  state: 'failed',
  failureCode,
  failureReason,
  deliverBy: '2026-11-28T10:00:00.000Z',
});

describe('the sentence for a delivery failure', () => {
  it.each(DELIVERY_FAILURE_CODES)(
    '%s has its own sentence naming the contact, and the code in the detail line',
    (code) => {
      const text = deliveryFailureText(failed(code), 'Alice', until, t);
      expect(text).not.toBeNull();
      expect(text?.sentence).toMatch(/^\S.*[.]$/);
      expect(text?.sentence).not.toBe('The message could not be delivered.');
      expect(text?.sentence).not.toContain(code);
      expect(text?.sentence).not.toContain('{name}');
      expect(text?.detail).toBe(`${code}: b.test: refused`);
    },
  );

  it('every code has a different sentence', () => {
    const sentences = DELIVERY_FAILURE_CODES.map(
      (code) => deliveryFailureText(failed(code), 'Alice', until, t)?.sentence,
    );
    expect(new Set(sentences).size).toBe(DELIVERY_FAILURE_CODES.length);
  });

  it('says who refuses and what to do', () => {
    expect(deliveryFailureText(failed('SM_E002'), 'Alice', until, t)?.sentence).toBe(
      'Alice is not accepting messages from you. They may have blocked you, or their address takes no messages.',
    );
    const deleted = deliveryFailureText(failed('SM_E001'), 'Bob', until, t);
    expect(deleted?.sentence).toContain('Bob deleted the connection with you');
    expect(deleted?.reconnect).toBe(true);
    expect(deliveryFailureText(failed('SM_E002'), 'Alice', until, t)?.reconnect).toBe(false);
  });

  it('a queued message whose last attempt failed: the node keeps trying until its deadline', () => {
    const text = deliveryFailureText(
      { ...failed('connect', 'b.test: connect ECONNREFUSED'), state: 'queued' },
      'Bob',
      until,
      t,
    );
    expect(text?.sentence).toBe("Bob's node could not be reached. We keep trying until [2026-11-28T10:00:00.000Z].");
    expect(text?.detail).toBe('connect: b.test: connect ECONNREFUSED');
  });

  it('a failure the node gave up on after retrying says Retry; a final refusal says what to do instead', () => {
    expect(deliveryFailureText(failed('dns'), 'Bob', until, t)?.sentence).toBe(
      "Bob's node could not be found: their domain does not resolve. We stopped trying: press Retry to try again.",
    );
    expect(deliveryFailureText(failed('refused_target'), 'Bob', until, t)?.sentence).toContain(
      'this machine or a private network',
    );
  });

  it('an unknown or missing code still gets a sentence, and nothing failed gets none', () => {
    expect(deliveryFailureText(failed('something_new', null), 'Bob', until, t)).toEqual({
      sentence: 'The message could not be delivered.',
      detail: 'something_new',
      reconnect: false,
    });
    expect(deliveryFailureText(failed(null, null), 'Bob', until, t)?.detail).toBeNull();
    expect(deliveryFailureText({ ...failed(null, null), state: 'queued' }, 'Bob', until, t)).toBeNull();
    expect(deliveryFailureText({ ...failed(null, null), state: 'delivered' }, 'Bob', until, t)).toBeNull();
  });

  it('the reason loses direction controls; the reconnect link carries the address', () => {
    expect(deliveryFailureText(failed('SM_E009', 'b.test: \u202Edesrever'), 'Bob', until, t)?.detail).toBe(
      'SM_E009: b.test: desrever',
    );
    expect(reconnectHref('20*b.test')).toBe('/connect?address=20*b.test');
  });

  it('in German, in the same way', async () => {
    const de = await translator('delivery', 'de');
    expect(deliveryFailureText(failed('SM_E002'), 'Alice', until, de)?.sentence).toBe(
      'Alice nimmt keine Nachrichten von dir an. Vielleicht wurdest du blockiert, oder die Adresse nimmt keine Nachrichten an.',
    );
  });
});
