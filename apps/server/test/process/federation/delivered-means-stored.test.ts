import { messageErrorReply, messageSuccessReply, openMessage, packageNonce } from '@openmsg/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { HoldingProxy } from '../../peer-kit/holding-proxy';
import { createTestDatabase, DATABASE_KINDS, eventually, freePort, TestNode } from '../../peer-kit/nodes';
import { connectedPairBehindProxyForSuite, pairForSuite } from '../../peer-kit/suite-nodes';
import { type Secrets, StandInNode } from '../../peer-kit/stand-in-node';

/** What a scripted receiver saw of one message-receive call. */
interface SeenAttempt {
  nonce: string;
  messagePackage: string;
  hash: string;
  salt: string;
  confirmed: boolean;
}

/** What the scripted receiver does once the sender confirmed an attempt. */
type Step = 'honest' | 'confirm-then-500' | 'store-then-500' | 'always-E007';

/**
 * docs/PROTOCOL.md "Delivered means stored": a receiver calls message-confirm before it stores, so the
 * sender counts a message delivered only on SM_S888, or on SM_E007 for a nonce an earlier,
 * confirmed attempt brought. Node A sends to a stand-in receiving node scripted to fail at a chosen
 * step, then behave; every attempt must carry the same sealed package.
 */
describe.each(DATABASE_KINDS)('delivered means stored: a scripted receiver (%s)', (kind) => {
  let a: TestNode;
  let stand: StandInNode;
  let alice: ApiClient;
  let secrets: Secrets;
  const peer = '1*stand.test';
  let seen: SeenAttempt[] = [];
  const stored = new Map<string, string>();
  /** One step per attempt, in order; 'honest' once they run out. */
  let script: Step[] = [];

  const receive = async (body: Record<string, unknown>) => {
    const messagePackage = String(body.message_package);
    const nonce = packageNonce(messagePackage) as string;
    const confirmed = await stand.confirmWithSender('a.test', String(body.message_hash), nonce);
    seen.push({ nonce, messagePackage, hash: String(body.message_hash), salt: String(body.message_salt), confirmed });
    if (!confirmed) return { answer: messageErrorReply('SM_E003', 'the sender did not confirm') };
    const step = script.shift() ?? 'honest';
    if (step === 'always-E007') {
      script.unshift(step);
      return { answer: messageErrorReply('SM_E007', 'this nonce was used before on this connection') };
    }
    if (step === 'confirm-then-500') return { status: 500, answer: {} };
    if (stored.has(nonce))
      return { answer: messageErrorReply('SM_E007', 'this nonce was used before on this connection') };
    const opened = openMessage(messagePackage, secrets.messageCryptKey);
    if (!opened.ok) return { answer: messageErrorReply('SM_E006', 'invalid key or corrupt message') };
    stored.set(nonce, opened.text);
    return step === 'store-then-500' ? { status: 500, answer: {} } : { answer: messageSuccessReply() };
  };

  beforeAll(async () => {
    stand = await new StandInNode('stand.test').start();
    a = new TestNode('a.test', await freePort(), await createTestDatabase(kind), {
      OPENMSG_PEER_OVERRIDES: `stand.test=${stand.baseUrl}`,
    });
    await a.start();
    stand.peerUrls['a.test'] = a.baseUrl;
    stand.onMessageReceive = receive;
    alice = await a.createUser('100', 'Alice');
    const shaken = await stand.handshake(a.baseUrl, alice.address, await alice.createPassCode());
    expect(shaken.json).toMatchObject({ success: true });
    secrets = {
      authCode: shaken.json.auth_code,
      identCode: shaken.json.ident_code,
      messageCryptKey: shaken.json.message_crypt_key,
    };
  });
  afterEach(() => {
    seen = [];
    stored.clear();
    script = [];
  });
  afterAll(async () => {
    await a?.dispose();
    await stand?.stop();
  });

  it('does not count a confirmation followed by HTTP 500 as delivered; retries the same package until stored', async () => {
    script = ['confirm-then-500', 'confirm-then-500'];
    const sent = await alice.send(peer, 'confirmed, then the receiver failed');
    const afterFirst = await eventually(async () => {
      const { body } = await alice.message(sent.body.id);
      return body.failureCode ? body : null;
    });
    expect(afterFirst.state).not.toBe('delivered');
    expect(seen[0]?.confirmed).toBe(true);
    expect(stored.size).toBe(0);

    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect(seen).toHaveLength(3);
    expect([...stored.values()]).toEqual(['confirmed, then the receiver failed']);
    // One sealed package for every attempt, a fresh salt and hash each time.
    expect(new Set(seen.map((attempt) => attempt.messagePackage)).size).toBe(1);
    expect(new Set(seen.map((attempt) => attempt.salt)).size).toBe(3);
    expect(new Set(seen.map((attempt) => attempt.hash)).size).toBe(3);
  });

  it('takes SM_E007 on a retry as proof that the earlier attempt was stored', async () => {
    script = ['store-then-500'];
    const sent = await alice.send(peer, 'stored, then the answer was lost');
    const delivered = await alice.waitForState(sent.body.id, ['delivered', 'failed']);
    expect(delivered).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(seen.map((attempt) => attempt.confirmed)).toEqual([true, true]);
    expect(seen[1]?.nonce).toBe(seen[0]?.nonce);
    expect(stored.size).toBe(1);
  });

  it('does not believe SM_E007 for a nonce no earlier attempt brought, not even after a retry by the user', async () => {
    script = ['always-E007'];
    const sent = await alice.send(peer, 'never stored anywhere');
    const failed = await alice.waitForState(sent.body.id, ['delivered', 'failed']);
    expect(failed).toMatchObject({ state: 'failed', failureCode: 'SM_E007' });
    expect(failed.failureReason).toMatch(/no earlier attempt/);

    // The refused attempt was confirmed, but it proves nothing: a retry answered SM_E007 again fails again.
    expect((await alice.call('retryMessage', { params: { id: sent.body.id } })).status).toBe(200);
    expect(await alice.waitForState(sent.body.id, ['delivered', 'failed'])).toMatchObject({
      state: 'failed',
      failureCode: 'SM_E007',
    });
    expect(stored.size).toBe(0);

    script = [];
    expect((await alice.call('retryMessage', { params: { id: sent.body.id } })).status).toBe(200);
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect([...stored.values()]).toEqual(['never stored anywhere']);
  });

  it('believes SM_E007 on a retry by the user of a message that failed after being stored', async () => {
    script = ['store-then-500', 'confirm-then-500', 'confirm-then-500', 'confirm-then-500'];
    const sent = await alice.send(peer, 'stored before it failed');
    // Give up at once: the receiver keeps failing after the first attempt.
    await a.db.message.update({ where: { id: sent.body.id }, data: { deliverBy: new Date(Date.now() + 300) } });
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('failed');
    script = [];
    expect((await alice.call('retryMessage', { params: { id: sent.body.id } })).status).toBe(200);
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect(seen.at(-1)?.nonce).toBe(seen[0]?.nonce);
    expect(stored.size).toBe(1);
  });
});

/** Two real nodes; B's answers pass through a proxy the test can hold. */
describe.each(DATABASE_KINDS)('delivered means stored: a retry of a message B already stored (%s)', (kind) => {
  let a: TestNode, b: TestNode, proxy: HoldingProxy, alice: ApiClient, bob: ApiClient;
  connectedPairBehindProxyForSuite(kind, (pair) => ({ a, b, proxy, alice, bob } = pair));
  const copiesOnB = (text: string) => b.db.message.count({ where: { direction: 'in', body: text } });

  it('is delivered on SM_E007 and stored once when the first answer was lost', async () => {
    proxy.mode = 'hold-response';
    proxy.held = 0;
    const sent = await alice.send(bob.address, 'answer lost');
    await eventually(async () => proxy.held > 0 && (await copiesOnB('answer lost')) === 1);
    proxy.mode = 'pass';
    expect(await alice.waitForState(sent.body.id, ['delivered', 'failed'])).toMatchObject({
      state: 'delivered',
      attempts: 2,
    });
    await eventually(async () => b.logs().includes('replayed nonce refused'));
    expect(await copiesOnB('answer lost')).toBe(1);
  });

  it('keeps the nonce when a new handshake changed the key between attempts: still stored once', async () => {
    proxy.mode = 'hold-response';
    proxy.held = 0;
    const sent = await alice.send(bob.address, 'key changed meanwhile');
    await eventually(async () => proxy.held > 0 && (await copiesOnB('key changed meanwhile')) === 1);
    proxy.mode = 'pass';
    const keyBefore = (await a.db.connection.findFirstOrThrow({ where: { otherAddress: bob.address } }))
      .messageCryptKey;
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
    expect((await a.db.connection.findFirstOrThrow({ where: { otherAddress: bob.address } })).messageCryptKey).not.toBe(
      keyBefore,
    );
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect(await copiesOnB('key changed meanwhile')).toBe(1);
  });

  it('keeps spent nonces as long as a sender of ours retries (3 days and an hour), not just the freshness window', async () => {
    const connection = await b.db.connection.findFirstOrThrow();
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const aged = { 'kept-2h': hoursAgo(2), 'kept-72h': hoursAgo(72), 'gone-74h': hoursAgo(74) };
    await b.db.usedNonce.createMany({
      data: Object.entries(aged).map(([nonce, createdAt]) => ({ connectionId: connection.id, nonce, createdAt })),
    });
    await b.admin('purge-expired');
    const left = await b.db.usedNonce.findMany({
      where: { nonce: { in: Object.keys(aged) } },
      orderBy: { nonce: 'asc' },
    });
    expect(left.map((row) => row.nonce)).toEqual(['kept-2h', 'kept-72h']);
  });
});

/** docs/PROTOCOL.md: exactly once between two nodes built here, whatever crashes where. */
describe.each(DATABASE_KINDS)('delivered means stored: a receiver killed in the middle of a burst (%s)', (kind) => {
  const nodes = pairForSuite(kind);

  it('stores each of 200 messages exactly once, and A never calls delivered what B does not hold', async () => {
    const { a, b } = nodes;
    const alice = await a.createUser('100', 'Alice');
    const bob = await b.createUser('200', 'Bob');
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
    const texts = Array.from({ length: 200 }, (_, i) => `burst ${i}`);
    const storedOnB = async () =>
      new Set(
        (await b.db.message.findMany({ where: { direction: 'in' }, select: { body: true } })).map((row) => row.body),
      );
    const deliveredOnA = async () =>
      (await a.db.message.findMany({ where: { direction: 'out', state: 'delivered' }, select: { body: true } })).map(
        (row) => row.body,
      );

    const accepted = Promise.all(texts.map((text) => alice.send(bob.address, text)));
    await eventually(async () => (await b.db.message.count({ where: { direction: 'in' } })) >= 40, 30_000);
    await b.kill();
    expect((await accepted).every((sent) => sent.status === 201)).toBe(true);

    // While B is down, and once the attempts under way have ended: every "delivered" is stored on B.
    for (const wait of [0, 2500]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      const held = await storedOnB();
      const delivered = await deliveredOnA();
      expect(delivered.filter((text) => !held.has(text))).toEqual([]);
    }
    const beforeRestart = (await storedOnB()).size;
    expect(beforeRestart).toBeLessThan(200);

    await b.start();
    await eventually(
      async () => (await a.db.message.count({ where: { direction: 'out', state: 'delivered' } })) === texts.length,
      90_000,
    );
    const rows = await b.db.message.groupBy({ by: ['body'], where: { direction: 'in' }, _count: { _all: true } });
    expect(rows).toHaveLength(texts.length);
    expect(rows.filter((row) => row._count._all !== 1)).toEqual([]);
    expect(await a.db.message.count({ where: { direction: 'out', state: { not: 'delivered' } } })).toBe(0);
  }, 180_000);
});
