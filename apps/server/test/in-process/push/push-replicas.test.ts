import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { PushQueueRepository, type PushJobKey } from '../../../src/push/push-queue.repository';
import { InProcessNode } from '../kit/in-process-node';
import { PushServiceStandIn, type StandInSubscription } from '../kit/push-service-stand-in';

const PASSWORD = 'correct horse battery';
const MESSAGES = 20;

/**
 * Two replicas of one node on one database, each with its push worker polling every 20 ms: every notification is
 * claimed by one of them and sent once. Also the claim itself under a burst of claimers.
 */
describe.each(DATABASE_KINDS)('push notifications from two replicas (%s)', (kind) => {
  let first: InProcessNode;
  let second: InProcessNode;
  let pushService: PushServiceStandIn;
  let ann: SessionClient;
  let bob: SessionClient;

  beforeAll(async () => {
    const env = { OPENMSG_DELIVERY_POLL_MS: '20' };
    first = await InProcessNode.start(kind, 'a.test', env);
    second = await InProcessNode.start(kind, 'a.test', env, undefined, () => first.testDatabase.url);
    pushService = await PushServiceStandIn.start();
    ann = first.session();
    bob = second.session();
    await ann.register('Ann', PASSWORD, { addressId: '10' });
    await bob.register('Bob', PASSWORD, { addressId: '20' });
    const code = (await bob.call('createPassCode', { body: {} })).body;
    await ann.call('connect', { body: { address: '20*a.test', passCode: code.code } });
    const key = (await bob.call('pushKey')).body.publicKey;
    expect((await ann.call('pushKey')).body.publicKey).toBe(key); // one key for every replica
    pushService.vapidPublicKey = key;
  });
  afterAll(async () => {
    await pushService?.close();
    await second?.close();
    await first?.close();
  });

  async function subscribe(device: StandInSubscription) {
    const answer = await bob.call('pushSubscribe', { body: { endpoint: device.endpoint, keys: device.keys } });
    expect(answer.status).toBe(201);
  }

  it('sends each device each notification once, whichever replica claims it', async () => {
    const devices = [pushService.subscribe(), pushService.subscribe(), pushService.subscribe()];
    for (const device of devices) await subscribe(device);
    const sent = await Promise.all(
      Array.from({ length: MESSAGES }, (_, i) => ann.call('sendMessage', { body: { to: '20*a.test', text: `n${i}` } })),
    );
    expect(sent.every((answer) => answer.status === 201)).toBe(true);
    await eventually(async () => devices.every((device) => pushService.to(device).length >= MESSAGES));
    await eventually(async () => (await first.db.pushJob.count()) === 0);
    for (const device of devices) {
      const pushes = pushService.to(device);
      expect(pushes.every((push) => push.problem === null)).toBe(true);
      expect(pushes).toHaveLength(MESSAGES);
      expect(new Set(pushes.map((push) => push.payload!.messageId)).size).toBe(MESSAGES);
      expect(new Set(pushes.map((push) => push.payload!.text))).toEqual(
        new Set(Array.from({ length: MESSAGES }, () => null)),
      );
    }
    for (const device of devices) await bob.call('pushUnsubscribe', { body: { endpoint: device.endpoint } });
  });

  it('gives each due notification to one claimer of a burst', async () => {
    const device = pushService.subscribe(['hang']);
    await subscribe(device);
    const subscription = await first.db.pushSubscription.findFirstOrThrow({ where: { endpoint: device.endpoint } });
    const messages = await first.db.message.findMany({ where: { direction: 'in' }, select: { id: true } });
    expect(messages).toHaveLength(MESSAGES);
    // Due a minute ago: the workers compete for them too (and their sends hang at the push service).
    const due = new Date(Date.now() - 60_000);
    await first.db.pushJob.createMany({
      data: messages.map(({ id }) => ({
        subscriptionId: subscription.id,
        messageId: id,
        nextAttemptAt: due,
        createdAt: new Date(),
      })),
    });
    const queue = first.app.get(PushQueueRepository);
    const leaseUntil = new Date(Date.now() + 10 * 60_000);
    const claims = await Promise.all(
      Array.from({ length: 100 }, (_, i) => queue.claimDue(`test-claimer-${i}`, new Date(), leaseUntil, 1)),
    );
    const key = (job: PushJobKey) => `${job.subscriptionId}/${job.messageId}`;
    const claimedHere = claims.flat().map(key);
    expect(new Set(claimedHere).size).toBe(claimedHere.length);
    const rows = await first.db.pushJob.findMany({ where: { subscriptionId: subscription.id } });
    for (const row of rows) {
      const heldByTest = Boolean(row.leaseOwner?.startsWith('test-claimer-'));
      expect(heldByTest).toBe(claimedHere.includes(key(row)));
    }
    // What a worker claimed went to the push service; nothing the test holds did.
    const sentIds = new Set(pushService.to(device).map((push) => push.payload!.messageId));
    for (const job of claims.flat()) expect(sentIds.has(job.messageId)).toBe(false);
    await bob.call('pushUnsubscribe', { body: { endpoint: device.endpoint } });
    pushService.release(503);
  });
});
