import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { HoldingProxy } from '../../peer-kit/holding-proxy';
import { createTestDatabase, DATABASE_KINDS, eventually, freePort, TestNode } from '../../peer-kit/nodes';
import { connectedPairBehindProxyForSuite } from '../../peer-kit/suite-nodes';
import { post } from '../../peer-kit/stand-in-node';

/**
 * A → proxy → B. The proxy stands where b.test resolves for A, so the test can take B away or
 * freeze a delivery at an exact step, then kill A and check nothing is lost or delivered twice.
 */
describe.each(DATABASE_KINDS)('durable delivery (%s)', (kind) => {
  let a: TestNode, b: TestNode, proxy: HoldingProxy, alice: ApiClient, bob: ApiClient;
  connectedPairBehindProxyForSuite(kind, (pair) => ({ a, b, proxy, alice, bob } = pair));
  const copiesOnB = (text: string) => b.db.message.count({ where: { direction: 'in', body: text } });

  it('keeps a message queued while the peer is down and delivers it exactly once when it is back', async () => {
    await b.stop();
    const sent = await alice.send(bob.address, 'sent while B was down');
    const queued = await eventually(async () => {
      const { body } = await alice.message(sent.body.id);
      return body.attempts >= 2 && body.state === 'queued' ? body : null;
    });
    expect(queued.failureCode).toBeTruthy();
    await b.start();
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect(await copiesOnB('sent while B was down')).toBe(1);
  });

  it('leaves the queue to the server: an admin command run meanwhile claims nothing', async () => {
    await a.stop();
    try {
      const connection = await a.db.connection.findFirstOrThrow();
      const queued = await a.db.message.create({
        data: {
          accountId: connection.accountId,
          connectionId: connection.id,
          otherAddress: bob.address,
          direction: 'out',
          body: 'queued while A was stopped',
          state: 'queued',
          nextAttemptAt: new Date(),
        },
      });
      expect((await a.admin('list-users')).length).toBeGreaterThan(0);
      expect(await a.db.message.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
        state: 'queued',
        attempts: 0,
        leaseOwner: null,
      });
    } finally {
      await a.start();
    }
    await eventually(async () => (await copiesOnB('queued while A was stopped')) === 1);
  });

  it('survives a sender crash before the receiver saw the message: resent after restart, stored once', async () => {
    proxy.mode = 'hold-request';
    proxy.held = 0;
    const sent = await alice.send(bob.address, 'crash before receive');
    await eventually(async () => proxy.held > 0);
    await a.kill();
    proxy.mode = 'pass';
    await a.start();
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect(await copiesOnB('crash before receive')).toBe(1);
  });

  it('survives a sender crash after the receiver stored the message: re-sent after restart with the same nonce, answered SM_E007, stored once', async () => {
    proxy.mode = 'hold-response';
    proxy.held = 0;
    const sent = await alice.send(bob.address, 'crash after receive');
    await eventually(async () => proxy.held > 0 && (await copiesOnB('crash after receive')) === 1);
    await a.kill();
    proxy.mode = 'pass';
    await a.start();
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    const stored = await a.db.message.findUniqueOrThrow({ where: { id: sent.body.id } });
    expect(stored.attempts).toBe(2); // the reclaim re-sent it; B recognised the nonce (SM_E007) and stored nothing
    expect(await copiesOnB('crash after receive')).toBe(1);
  });

  it('withdraws an unanswered attempt when it tries again, so a late confirmation cannot cause a second copy', async () => {
    proxy.mode = 'hold-request';
    proxy.held = 0;
    const sent = await alice.send(bob.address, 'slow receiver');
    await eventually(async () => proxy.held > 0);
    const first = await a.db.outboxEntry.findFirstOrThrow({ where: { messageId: sent.body.id } });
    await eventually(
      async () =>
        (await a.db.message.findUniqueOrThrow({ where: { id: sent.body.id } })).attempts >= 2 && proxy.held >= 2,
    );
    const late = await post(`${a.baseUrl}/openmsg/message-confirm/`, {
      message_hash: first.messageHash,
      message_nonce: first.messageNonce,
    });
    expect(late.json).toMatchObject({ error: true, response_code: 'SM_E003' });
    proxy.mode = 'pass';
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect(await copiesOnB('slow receiver')).toBe(1);
  });

  it('finishes deliveries under way on a graceful stop', async () => {
    const sent = await alice.send(bob.address, 'graceful');
    await a.stop();
    await a.start();
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect(await copiesOnB('graceful')).toBe(1);
  });

  it('gives up after the maximum age and says why', async () => {
    await b.stop();
    try {
      const sent = await alice.send(bob.address, 'too late');
      await a.db.message.update({ where: { id: sent.body.id }, data: { deliverBy: new Date(Date.now() + 500) } });
      const failed = await alice.waitForState(sent.body.id, ['delivered', 'failed']);
      expect(failed.state).toBe('failed');
      expect(failed.failureReason).toMatch(/gave up after \d+ attempts/);
    } finally {
      await b.start();
    }
  });
});

describe('two server processes sharing one PostgreSQL database', () => {
  let a1: TestNode;
  let a2: TestNode;
  let b: TestNode;

  beforeAll(async () => {
    const [port1, port2, portB] = [await freePort(), await freePort(), await freePort()];
    const shared = await createTestDatabase('postgresql');
    const toB = { OPENMSG_PEER_OVERRIDES: `b.test=http://127.0.0.1:${portB}` };
    a1 = new TestNode('a.test', port1, shared, toB);
    a2 = new TestNode('a.test', port2, { ...shared, drop: async () => undefined }, toB);
    b = new TestNode('b.test', portB, await createTestDatabase('postgresql'), {
      OPENMSG_PEER_OVERRIDES: `a.test=http://127.0.0.1:${port1}`,
    });
    await a1.start();
    await Promise.all([a2.start(), b.start()]);
  });
  afterAll(async () => {
    await a2?.dispose();
    await Promise.all([a1?.dispose(), b?.dispose()]);
  });

  it('delivers every queued message exactly once while both processes claim from the queue', async () => {
    const alice = await a1.createUser('100', 'Alice');
    const bob = await b.createUser('200', 'Bob');
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
    // queue directly so that both processes' pollers race for the same rows
    const connection = await a1.db.connection.findFirstOrThrow();
    const account = await a1.db.account.findFirstOrThrow();
    const texts = Array.from({ length: 60 }, (_, i) => `shared queue ${i}`);
    await a1.db.message.createMany({
      data: texts.map((body) => ({
        accountId: account.id,
        connectionId: connection.id,
        otherAddress: bob.address,
        direction: 'out',
        body,
        state: 'queued',
        nextAttemptAt: new Date(),
      })),
    });
    await eventually(
      async () =>
        (await a1.db.message.count({
          where: { direction: 'out', state: 'delivered', body: { startsWith: 'shared queue' } },
        })) === texts.length,
      30_000,
    );
    const received = await b.db.message.groupBy({ by: ['body'], where: { direction: 'in' }, _count: { _all: true } });
    expect(received).toHaveLength(texts.length);
    expect(received.every((row) => row._count._all === 1)).toBe(true);
  });
});
