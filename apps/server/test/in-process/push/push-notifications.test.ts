import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, eventually, freePort } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';
import { PushServiceStandIn, type StandInSubscription } from '../kit/push-service-stand-in';

const PASSWORD = 'correct horse battery';

/**
 * Ann on a.test writes to Bob on b.test over real HTTP; b.test sends Bob's browsers their notifications through a
 * push service stand-in that decrypts them and checks their VAPID signature against b.test's published key.
 * b.test sends one notification at a time (OPENMSG_PUSH_CONCURRENCY=1), so one hanging push service blocks its
 * push worker entirely (its timeout, 30 s, outlasts the test): the test of delivery not waiting for pushes relies on it.
 */
describe.each(DATABASE_KINDS)('push notifications of received messages (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let ann: SessionClient;
  let bob: SessionClient;
  let pushService: PushServiceStandIn;
  let conversationOnB: string;

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind, {
      b: { OPENMSG_PUSH_RETRY_BASE_MS: '50', OPENMSG_PUSH_TIMEOUT_MS: '30000', OPENMSG_PUSH_CONCURRENCY: '1' },
    }));
    pushService = await PushServiceStandIn.start();
    ann = a.session();
    bob = b.session();
    await ann.register('Ann Smith', PASSWORD, { addressId: '10' });
    await bob.register('Bob Jones', PASSWORD, { addressId: '20' });
    const code = (await bob.call('createPassCode', { body: { note: 'for Ann' } })).body;
    await ann.call('connect', { body: { address: '20*b.test', passCode: code.code } });
    conversationOnB = (await bob.call('listContacts')).body.items[0]!.conversationId;
    const key = await bob.call('pushKey');
    pushService.vapidPublicKey = key.body.publicKey;
  });
  afterAll(async () => {
    await pushService?.close();
    await a?.close();
    await b?.close();
  });

  async function subscribe(device: StandInSubscription, previews: boolean) {
    const answer = await bob.call('pushSubscribe', {
      body: { endpoint: device.endpoint, keys: device.keys, previews },
    });
    expect(answer.status).toBe(201);
    return answer.body;
  }

  async function send(text: string) {
    const sent = await ann.call('sendMessage', { body: { to: '20*b.test', text } });
    expect(sent.status).toBe(201);
    return sent.body.id;
  }

  /** Bob's copy of the message Ann sent with this text (b.test's own ID). */
  async function receivedOnB(text: string) {
    return eventually(async () =>
      (await bob.call('conversationMessages', { params: { conversationId: conversationOnB } })).body.items.find(
        (message) => message.text === text,
      ),
    );
  }

  async function waitUntilNoPushWaits() {
    await eventually(async () => (await b.db.pushJob.count()) === 0);
  }

  async function unsubscribeAll(...devices: StandInSubscription[]) {
    for (const device of devices) await bob.call('pushUnsubscribe', { body: { endpoint: device.endpoint } });
  }

  it('publishes one VAPID key, an uncompressed P-256 point, kept in the database', async () => {
    const key = (await bob.call('pushKey')).body;
    expect(key.enabled).toBe(true);
    const point = Buffer.from(key.publicKey!, 'base64url');
    expect(point).toHaveLength(65);
    expect(point[0]).toBe(4);
    expect((await bob.call('pushKey')).body).toEqual(key);
    const stored = await b.db.nodeSetting.findUnique({ where: { key: 'push_vapid_keys' } });
    expect(JSON.parse(stored!.value)).toMatchObject({ publicKey: key.publicKey });
    // Each node has its own.
    expect((await ann.call('pushKey')).body.publicKey).not.toBe(key.publicKey);
  });

  it('sends each of several devices one notification it can decrypt: the text with previews, none without', async () => {
    const phone = pushService.subscribe();
    const laptop = pushService.subscribe();
    const phoneView = await subscribe(phone, true);
    expect(phoneView).toMatchObject({ service: new URL(pushService.origin).host, previews: true, lastSuccessAt: null });
    await subscribe(laptop, false);

    await send('Lunch at noon?');
    const message = await receivedOnB('Lunch at noon?');
    await eventually(async () => pushService.to(phone).length === 1 && pushService.to(laptop).length === 1);
    await waitUntilNoPushWaits();
    const expected = {
      kind: 'message',
      conversationId: conversationOnB,
      messageId: message.id,
      from: 'Ann Smith',
      files: 0,
      sentAt: message.createdAt,
    };
    expect(pushService.to(phone)).toEqual([
      {
        subscriptionId: phone.id,
        payload: { ...expected, text: 'Lunch at noon?' },
        problem: null,
        ttl: 86400,
        status: 201,
      },
    ]);
    expect(pushService.to(laptop)).toEqual([
      { subscriptionId: laptop.id, payload: { ...expected, text: null }, problem: null, ttl: 86400, status: 201 },
    ]);
    const listed = (await bob.call('pushSubscriptions')).body.items;
    expect(listed.find((item) => item.id === phoneView.id)?.lastSuccessAt).not.toBeNull();

    // A long text is cut to 200 code points (whole emoji, never half a surrogate pair).
    const long = `${'😀'.repeat(150)}${'x'.repeat(150)}`;
    await send(long);
    await eventually(async () => pushService.to(phone).length === 2);
    const preview = pushService.to(phone)[1]!.payload!.text!;
    expect([...preview]).toHaveLength(200);
    expect(preview).toBe(`${'😀'.repeat(150)}${'x'.repeat(50)}`);
    await waitUntilNoPushWaits();
    expect(pushService.to(laptop)).toHaveLength(2);
    await unsubscribeAll(phone, laptop);
  });

  it('sends nothing for a muted conversation, and again once unmuted', async () => {
    const phone = pushService.subscribe();
    await subscribe(phone, true);
    const muted = await bob.call('muteConversation', {
      params: { conversationId: conversationOnB },
      body: { muted: true },
    });
    expect(muted).toMatchObject({ status: 200, body: { muted: true } });
    expect((await bob.call('getConversation', { params: { conversationId: conversationOnB } })).body.muted).toBe(true);
    expect((await bob.call('listConversations')).body.items[0]!.muted).toBe(true);

    await send('Quiet, please');
    await receivedOnB('Quiet, please');
    // The notifications are queued in the same transaction as the message: none was, so none can come later.
    expect(await b.db.pushJob.count()).toBe(0);
    expect(pushService.to(phone)).toHaveLength(0);

    await bob.call('muteConversation', { params: { conversationId: conversationOnB }, body: { muted: false } });
    expect((await bob.call('getConversation', { params: { conversationId: conversationOnB } })).body.muted).toBe(false);
    await send('Loud again');
    await eventually(async () => pushService.to(phone).length === 1);
    expect(pushService.to(phone)[0]!.payload!.text).toBe('Loud again');
    await unsubscribeAll(phone);
  });

  it('drops a subscription its push service calls gone (410), and retries one that fails (500) until it is sent', async () => {
    const gone = pushService.subscribe([410]);
    const flaky = pushService.subscribe([500, 503, 201]);
    const goneView = await subscribe(gone, false);
    const flakyView = await subscribe(flaky, false);

    await send('Are you there?');
    await eventually(async () => pushService.to(flaky).length === 3);
    await waitUntilNoPushWaits();
    expect(pushService.to(gone)).toHaveLength(1);
    expect(pushService.to(flaky).map((push) => [push.status, push.problem])).toEqual([
      [500, null],
      [503, null],
      [201, null],
    ]);
    const ids = (await bob.call('pushSubscriptions')).body.items.map((item) => item.id);
    expect(ids).toContain(flakyView.id);
    expect(ids).not.toContain(goneView.id);
    const flakyRow = await b.db.pushSubscription.findUniqueOrThrow({ where: { id: flakyView.id } });
    expect(flakyRow).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: expect.any(Date) });
    // The failures were logged by the push service's host only: no endpoint path, key or text. (Nest's static
    // loggers are the process's: b's lines may land in a's capture when both run in this one process.)
    const logs = a.logs() + b.logs();
    expect(logs).toContain('push notification not sent');
    expect(logs).toContain(new URL(pushService.origin).host);
    for (const secret of [flaky.id, flaky.keys.auth, flaky.keys.p256dh, 'Are you there?', 'Lunch at noon?'])
      expect(logs).not.toContain(secret);
    await unsubscribeAll(flaky);
  });

  it('delivers messages while the push service hangs or cannot be reached', async () => {
    const hanging = pushService.subscribe(['hang']);
    const closedPort = await freePort();
    const unreachable = { ...pushService.subscribe(), endpoint: `http://127.0.0.1:${closedPort}/push/nowhere` };
    await subscribe(hanging, false);
    await subscribe(unreachable, false);

    await send('First');
    // b.test's only push slot is now held by a request the push service never answers.
    await eventually(async () => pushService.to(hanging).length === 1);
    const second = await send('Second');
    await eventually(async () => (await ann.call('getMessage', { params: { id: second } })).body.state === 'delivered');
    await receivedOnB('Second');
    // Delivered and stored while the push request was still open and Second's notifications still waited.
    expect(pushService.to(hanging)).toHaveLength(1);
    expect(await b.db.pushJob.count()).toBeGreaterThanOrEqual(2);
    await unsubscribeAll(hanging, unreachable);
    pushService.release(503);
    await waitUntilNoPushWaits();
  });

  it('names the sender as Bob named her, and sends nothing for a blocked contact', async () => {
    const phone = pushService.subscribe();
    await subscribe(phone, false);
    const annOnB = (await bob.call('listContacts')).body.items[0]!.id;
    await bob.call('updateContact', { params: { id: annOnB }, body: { localName: 'Annie' } });
    await send('Named');
    await eventually(async () => pushService.to(phone).length === 1);
    expect(pushService.to(phone)[0]!.payload!.from).toBe('Annie');

    await bob.call('updateContact', { params: { id: annOnB }, body: { blocked: true } });
    const refused = await send('Blocked');
    await eventually(async () => (await ann.call('getMessage', { params: { id: refused } })).body.state === 'failed');
    await waitUntilNoPushWaits();
    expect(pushService.to(phone)).toHaveLength(1);
    await bob.call('updateContact', { params: { id: annOnB }, body: { blocked: false, localName: null } });
    await unsubscribeAll(phone);
  });
});
