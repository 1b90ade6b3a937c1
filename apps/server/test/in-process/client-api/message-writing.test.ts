import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageWriter } from '../../../src/messages/message-writer.service';
import { HoldingProxy } from '../../peer-kit/holding-proxy';
import { DATABASE_KINDS, eventually, freePort } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { InProcessNode } from '../kit/in-process-node';

const PASSWORD = 'correct horse battery';
const SENDS = 100;
const CONCURRENCY = 16;

/**
 * MessageWriter's own rules, under a burst of sends: a message is written with its first outbox
 * entry (only when delivery had room for its first attempt, which then runs at once) and with its
 * conversation's summary, in one write. Node B sits behind a proxy that holds the attempts, so the
 * state the writes left can be read before any attempt ends.
 */
describe.each(DATABASE_KINDS)('writing a message: %s', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let proxy: HoldingProxy;
  let ann: SessionClient;
  let bob: SessionClient;
  let bobOnA: { id: string; conversationId: string };
  let annOnB: { id: string; conversationId: string };

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    proxy = await new HoldingProxy(`http://127.0.0.1:${portB}`).start();
    // A reaches B through the proxy. A held attempt must not time out before the test reads the
    // state (the lease must outlast the peer timeout).
    const slow = {
      OPENMSG_PEER_TIMEOUT_MS: '60000',
      OPENMSG_DELIVERY_LEASE_SECONDS: '120',
      OPENMSG_DELIVERY_CONCURRENCY: String(CONCURRENCY),
    };
    [a, b] = await Promise.all([
      InProcessNode.start(kind, 'a.test', { OPENMSG_PEER_OVERRIDES: `b.test=${proxy.baseUrl}`, ...slow }, portA),
      InProcessNode.start(kind, 'b.test', { OPENMSG_PEER_OVERRIDES: `a.test=http://127.0.0.1:${portA}` }, portB),
    ]);
    ann = a.session();
    bob = b.session();
    await ann.register('Ann Smith', PASSWORD, { addressId: '10' });
    await bob.register('Bob Jones', PASSWORD, { addressId: '20' });
    const code = (await bob.call('createPassCode', { body: {} })).body.code;
    bobOnA = (await ann.call('connect', { body: { address: '20*b.test', passCode: code } })).body;
    annOnB = (await bob.call('listContacts')).body.items[0]!;
  });
  afterAll(async () => {
    proxy?.release();
    await a?.close();
    await b?.close();
    await proxy?.stop();
  });

  /** The newest message of a connection (by time, then ID): what the summary must name. */
  async function newest(node: InProcessNode, connectionId: string) {
    return node.db.message.findFirstOrThrow({
      where: { connectionId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  it(`${SENDS} sends at once: each message written once, with one outbox entry exactly when its first attempt runs, and the summary right; then each delivered and stored once`, async () => {
    proxy.mode = 'hold-request';
    const answers = await Promise.all(
      Array.from({ length: SENDS }, (_, i) =>
        ann.call('sendMessage', { body: { to: '20*b.test', text: `burst ${i}` } }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(SENDS).fill(201));
    // Accepted means queued: the answer is the message as written, before any attempt.
    expect(
      answers.every(
        (answer) =>
          answer.body.state === 'queued' &&
          answer.body.attempts === 0 &&
          answer.body.conversationId === bobOnA.conversationId,
      ),
    ).toBe(true);
    const ids = answers.map((answer) => answer.body.id as string);
    expect(new Set(ids).size).toBe(SENDS);

    // Every slot holds a first attempt waiting at the proxy; the rest wait in the queue.
    await eventually(async () => proxy.held === CONCURRENCY);
    const rows = await a.db.message.findMany({ where: { connectionId: bobOnA.id }, include: { outboxEntries: true } });
    expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
    const sending = rows.filter((row) => row.state === 'sending');
    const queued = rows.filter((row) => row.state === 'queued');
    expect(sending).toHaveLength(CONCURRENCY);
    expect(queued).toHaveLength(SENDS - CONCURRENCY);
    for (const row of sending)
      expect({ attempts: row.attempts, entries: row.outboxEntries.length, leased: row.leaseUntil !== null }).toEqual({
        attempts: 1,
        entries: 1,
        leased: true,
      });
    for (const row of queued)
      expect({ attempts: row.attempts, entries: row.outboxEntries.length, leased: row.leaseOwner !== null }).toEqual({
        attempts: 0,
        entries: 0,
        leased: false,
      });
    expect(await a.db.outboxEntry.count()).toBe(CONCURRENCY);

    const last = await newest(a, bobOnA.id);
    const summary = await a.db.conversation.findUniqueOrThrow({ where: { id: bobOnA.conversationId } });
    expect({
      lastMessageId: summary.lastMessageId,
      lastActivityAt: summary.lastActivityAt,
      unreadCount: summary.unreadCount,
    }).toEqual({
      lastMessageId: last.id,
      lastActivityAt: last.createdAt,
      unreadCount: 0,
    });

    // Let the held attempts fail: they are retried, the queued ones follow, and each arrives once.
    proxy.mode = 'pass';
    proxy.release();
    await eventually(
      async () => (await a.db.message.count({ where: { connectionId: bobOnA.id, state: 'delivered' } })) === SENDS,
      60_000,
    );
    const stored = await b.db.message.findMany({ where: { connectionId: annOnB.id } });
    expect(stored).toHaveLength(SENDS);
    const texts = (
      await bob.call('conversationMessages', {
        params: { conversationId: annOnB.conversationId },
        query: { limit: SENDS },
      })
    ).body.items.map((item) => item.text);
    expect(texts.sort()).toEqual(Array.from({ length: SENDS }, (_, i) => `burst ${i}`).sort());
    expect(await a.db.outboxEntry.count()).toBe(0);

    const listed = (await bob.call('getConversation', { params: { conversationId: annOnB.conversationId } })).body;
    expect({ unreadCount: listed.unreadCount, lastMessageId: listed.lastMessage?.id }).toEqual({
      unreadCount: SENDS,
      lastMessageId: (await newest(b, annOnB.id)).id,
    });
    const sent = (await ann.call('getConversation', { params: { conversationId: bobOnA.conversationId } })).body;
    expect({ lastMessageId: sent.lastMessage?.id, state: sent.lastMessage?.state }).toEqual({
      lastMessageId: last.id,
      state: 'delivered',
    });
  });

  it('a message whose write fails gives its first attempt back: the next send still finds room and is delivered at once', async () => {
    // The write fails inside the database (the connection is gone by the time it lands): a foreign key refuses the row.
    const connection = await a.db.connection.findUniqueOrThrow({ where: { id: bobOnA.id } });
    const before = await a.db.message.count();
    const writer = a.app.get(MessageWriter);
    const gone = { ...connection, id: 'no-such-connection', accountDisplayName: 'Ann Smith', conversationId: null };
    const failures = await Promise.allSettled(
      Array.from({ length: CONCURRENCY }, () => writer.writeOutgoing(connection.accountId, gone, 'never written')),
    );
    expect(failures.every((failure) => failure.status === 'rejected')).toBe(true);

    const sent = await ann.call('sendMessage', { body: { to: '20*b.test', text: 'after the failures' } });
    expect(sent.status).toBe(201);
    await eventually(
      async () => (await ann.call('getMessage', { params: { id: sent.body.id } })).body.state === 'delivered',
    );
    const row = await a.db.message.findUniqueOrThrow({ where: { id: sent.body.id } });
    expect(row.attempts).toBe(1);
    expect(await a.db.message.count()).toBe(before + 1);
  });
});
