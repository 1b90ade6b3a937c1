import { describe, expect, it } from 'vitest';
import { OpenmsgError } from '../lib/api-client';
import {
  byWriting,
  failureKind,
  hasWaiting,
  isConnectionFailure,
  type OutboxEntry,
  sendQueues,
  waitingIn,
} from '../lib/offline/outbox-order';

const entry = (clientId: string, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  clientId,
  accountId: 'ann',
  conversationId: 'c1',
  to: '20*b.test',
  text: clientId,
  writtenAt: 1000,
  seq: 1,
  refusal: null,
  ...extra,
});

const ids = (entries: OutboxEntry[]) => entries.map((one) => one.clientId);

describe('the outbox order', () => {
  it('sends each conversation in the order written: time, then the per-tab counter, then the id', () => {
    const queues = sendQueues(
      [
        entry('third', { writtenAt: 3000 }),
        entry('first', { writtenAt: 1000, seq: 1 }),
        entry('second', { writtenAt: 1000, seq: 2 }),
        entry('other-1', { conversationId: 'c2', writtenAt: 2000 }),
      ],
      'ann',
    );
    expect(queues.map(ids)).toEqual([['first', 'second', 'third'], ['other-1']]);
  });

  it('two tabs writing in the same millisecond with the same counter still get one stable order', () => {
    const a = entry('b-tab', { writtenAt: 5, seq: 1 });
    const b = entry('a-tab', { writtenAt: 5, seq: 1 });
    expect(ids([a, b].sort(byWriting))).toEqual(['a-tab', 'b-tab']);
    expect(ids([b, a].sort(byWriting))).toEqual(['a-tab', 'b-tab']);
  });

  it('sends only the account’s own entries, none the node refused, none already in a thread', () => {
    const queues = sendQueues(
      [
        entry('mine'),
        entry('theirs', { accountId: 'amy' }),
        entry('refused', { refusal: 'you are not connected' }),
        entry('arrived'),
      ],
      'ann',
      new Set(['arrived']),
    );
    expect(queues.map(ids)).toEqual([['mine']]);
  });

  it('a thread shows its waiting and refused entries in order, not those the thread already has', () => {
    const entries = [
      entry('later', { writtenAt: 9 }),
      entry('refused', { writtenAt: 5, refusal: 'no' }),
      entry('sent', { writtenAt: 1 }),
      entry('elsewhere', { conversationId: 'c2' }),
      entry('amy', { accountId: 'amy' }),
    ];
    expect(ids(waitingIn(entries, 'ann', 'c1', new Set(['sent'])))).toEqual(['refused', 'later']);
  });

  it('a new message queues behind waiting ones of its thread, not behind refused ones or other threads’', () => {
    expect(hasWaiting([entry('w')], 'ann', 'c1')).toBe(true);
    expect(hasWaiting([entry('r', { refusal: 'no' })], 'ann', 'c1')).toBe(false);
    expect(hasWaiting([entry('o', { conversationId: 'c2' })], 'ann', 'c1')).toBe(false);
    expect(hasWaiting([entry('x', { accountId: 'amy' })], 'ann', 'c1')).toBe(false);
  });

  it('waits on a connection failure, a server error or a storage fault; keeps a refusal aside', () => {
    expect(failureKind(new OpenmsgError(0, 'offline', 'no network'))).toBe('later');
    expect(failureKind(new OpenmsgError(502, 'node_unreachable', 'node down'))).toBe('later');
    expect(failureKind(new OpenmsgError(503, 'database_unavailable', 'db down'))).toBe('later');
    expect(failureKind(new OpenmsgError(401, 'unauthenticated', 'signed out'))).toBe('later');
    expect(failureKind(new TypeError('fetch failed'))).toBe('later');
    expect(failureKind(new OpenmsgError(404, 'not_connected', 'gone'))).toBe('refused');
    expect(failureKind(new OpenmsgError(409, 'client_id_reused', 'reused'))).toBe('refused');
    expect(failureKind(new OpenmsgError(400, 'message_too_long', 'long'))).toBe('refused');
  });

  it('a send that reached nothing goes to the outbox; a refusal does not', () => {
    expect(isConnectionFailure(new OpenmsgError(0, 'offline', 'no network'))).toBe(true);
    expect(isConnectionFailure(new OpenmsgError(502, 'node_unreachable', 'node down'))).toBe(true);
    expect(isConnectionFailure(new OpenmsgError(409, 'no_replies', 'no'))).toBe(false);
  });
});
