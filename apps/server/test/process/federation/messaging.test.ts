import { apiPath } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS, eventually, startPair, type TestNode } from '../../peer-kit/nodes';

describe.each(DATABASE_KINDS)('messages between two nodes (%s)', (kind) => {
  let a: TestNode;
  let b: TestNode;
  let alice: ApiClient;
  let bob: ApiClient;
  let quiet: ApiClient;

  beforeAll(async () => {
    ({ a, b } = await startPair(kind));
    alice = await a.createUser('100', 'Alice');
    bob = await b.createUser('200', 'Bob');
    quiet = await b.createUser('201', 'No Reply Shop', { noReplies: true });
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
    expect((await alice.connect(quiet.address, await quiet.createPassCode())).status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
  });

  it('delivers a message from A to B, which stores the exact text', async () => {
    const text = 'Hello Bob 👋 — ünïcödé, "quotes", <b>tags</b> and a\nnew line';
    const sent = await alice.send(bob.address, text);
    expect(sent.status).toBe(201);
    expect(sent.body.state).toBe('queued');
    const delivered = await alice.waitForState(sent.body.id, ['delivered', 'failed']);
    expect(delivered.state).toBe('delivered');
    const thread = await bob.thread(alice.address);
    expect(thread.filter((m) => m.text === text)).toHaveLength(1);
    expect(thread[0]).toMatchObject({ direction: 'in', state: 'received' });
    // delivered messages leave no outbox rows behind
    expect(await a.db.outboxEntry.count()).toBe(0);
  });

  it('delivers replies from B to A over the same connection', async () => {
    const sent = await bob.send(alice.address, 'Hi Alice, got it');
    expect((await bob.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    const thread = await alice.thread(bob.address);
    expect(thread.map((m) => [m.direction, m.text])).toContainEqual(['in', 'Hi Alice, got it']);
  });

  it('updates the sender name shown to the receiver', async () => {
    await a.db.account.update({ where: { addressId: '100' }, data: { displayName: 'Alice Cooper' } });
    const sent = await alice.send(bob.address, 'new name');
    await alice.waitForState(sent.body.id, ['delivered']);
    const onB = await b.db.connection.findFirstOrThrow({
      where: { otherAddress: alice.address, account: { addressId: '200' } },
    });
    expect(onB.otherName).toBe('Alice Cooper');
  });

  it('fails with SM_E002 when the receiver blocked the sender, and delivers again after unblocking', async () => {
    await b.db.connection.updateMany({
      where: { otherAddress: alice.address, account: { addressId: '200' } },
      data: { blocked: true },
    });
    const sent = await alice.send(bob.address, 'can you hear me?');
    const failed = await alice.waitForState(sent.body.id, ['delivered', 'failed']);
    expect(failed).toMatchObject({ state: 'failed', failureCode: 'SM_E002' });
    expect((await bob.thread(alice.address)).some((m) => m.text === 'can you hear me?')).toBe(false);

    await b.db.connection.updateMany({
      where: { otherAddress: alice.address, account: { addressId: '200' } },
      data: { blocked: false },
    });
    const retried = await alice.call('retryMessage', { params: { id: sent.body.id } });
    expect(retried.status).toBe(200);
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect((await bob.thread(alice.address)).filter((m) => m.text === 'can you hear me?')).toHaveLength(1);
  });

  it('fails with SM_E002 towards a no-reply address', async () => {
    const sent = await alice.send(quiet.address, 'hello shop');
    expect(await alice.waitForState(sent.body.id, ['delivered', 'failed'])).toMatchObject({
      state: 'failed',
      failureCode: 'SM_E002',
    });
  });

  it('does not let a no-reply address be written back to by its contacts', async () => {
    const onQuiet = await b.db.connection.findFirstOrThrow({
      where: { otherAddress: alice.address, account: { addressId: '201' } },
    });
    expect(onQuiet.otherAcceptsMessages).toBe(true);
    const fromQuiet = await quiet.send(alice.address, 'Your order shipped');
    expect((await quiet.waitForState(fromQuiet.body.id, ['delivered', 'failed'])).state).toBe('delivered');
  });

  it('validates what is sent', async () => {
    expect((await alice.send(bob.address, '   ')).body).toMatchObject({ error: 'empty_message' });
    // Both nodes announce files-1: a letter takes up to 64,000 characters (docs/extensions/files.md §2).
    expect((await alice.send(bob.address, 'x'.repeat(64_001))).body).toMatchObject({ error: 'message_too_long' });
    expect((await alice.send(bob.address, '😀'.repeat(2000))).status).toBe(201);
    expect((await alice.send('9*b.test', 'hi')).status).toBe(404);
    expect((await alice.callUntyped('sendMessage', { body: { to: 5 } })).status).toBe(400);
  });

  it('answers 404 for another user’s message and 401 without a token', async () => {
    const sent = await alice.send(bob.address, 'private');
    expect((await bob.message(sent.body.id)).status).toBe(404);
    expect((await fetch(`${a.baseUrl}${apiPath('getMessage', { params: { id: sent.body.id } })}`)).status).toBe(401);
  });

  it('pages through a thread', async () => {
    for (let i = 0; i < 5; i++) await bob.send(alice.address, `page ${i}`);
    await eventually(
      async () => (await a.db.message.count({ where: { direction: 'in', body: { startsWith: 'page ' } } })) === 5,
    );
    const params = { conversationId: await alice.conversationId(bob.address) };
    const first = await alice.call('conversationMessages', { params, query: { limit: 3 } });
    const second = await alice.call('conversationMessages', {
      params,
      query: { limit: 3, cursor: first.body.nextCursor! },
    });
    expect(first.body.items).toHaveLength(3);
    const ids = [...first.body.items, ...second.body.items].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
