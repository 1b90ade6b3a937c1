import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { InProcessNode } from '../kit/in-process-node';
import { PushServiceStandIn, type StandInSubscription } from '../kit/push-service-stand-in';

const PASSWORD = 'correct horse battery';

/** Subscriptions on one node: validation, one owner per endpoint, the cap under bursts, and what drops them. */
describe.each(DATABASE_KINDS)('push subscriptions (%s)', (kind) => {
  let node: InProcessNode;
  let pushService: PushServiceStandIn;
  let accounts = 0;

  beforeAll(async () => {
    node = await InProcessNode.start(kind, 'a.test');
    pushService = await PushServiceStandIn.start();
  });
  afterAll(async () => {
    await pushService?.close();
    await node?.close();
  });

  async function newAccount(): Promise<{ client: SessionClient; addressId: string }> {
    const client = node.session();
    const addressId = String(100 + accounts++);
    await client.register(`User ${addressId}`, PASSWORD, { addressId });
    return { client, addressId };
  }

  function subscribe(client: SessionClient, device: StandInSubscription, previews = false) {
    return client.call('pushSubscribe', { body: { endpoint: device.endpoint, keys: device.keys, previews } });
  }

  async function devicesOf(client: SessionClient) {
    return (await client.call('pushSubscriptions')).body.items;
  }

  it('refuses bad subscriptions with the field at fault, and stores nothing', async () => {
    const { client } = await newAccount();
    const device = pushService.subscribe();
    const otherPoint = Buffer.from(device.keys.p256dh, 'base64url');
    otherPoint[64] = otherPoint[64]! ^ 1; // no longer on the curve
    const bad: Array<[unknown, string]> = [
      [{ ...device, endpoint: 'not a url' }, 'endpoint'],
      [{ ...device, endpoint: 'ftp://push.example/x' }, 'endpoint'],
      [{ endpoint: device.endpoint }, 'keys'],
      [{ ...device, keys: { ...device.keys, p256dh: 'AAAA' } }, 'keys.p256dh'],
      [{ ...device, keys: { ...device.keys, p256dh: otherPoint.toString('base64url') } }, 'keys.p256dh'],
      [{ ...device, keys: { ...device.keys, auth: Buffer.alloc(12).toString('base64url') } }, 'keys.auth'],
      [{ ...device, keys: { ...device.keys, auth: 'not base64url!' } }, 'keys.auth'],
      [{ ...device, previews: 'yes' }, 'previews'],
    ];
    for (const [body, field] of bad) {
      const answer = await client.callUntyped('pushSubscribe', { body: body as never });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body, JSON.stringify(body)).toMatchObject({ error: 'validation_failed' });
      expect((answer.body as { fields?: string[] }).fields?.join(','), JSON.stringify(body)).toContain(field);
    }
    expect(await devicesOf(client)).toEqual([]);
    const badMute = await client.callUntyped('muteConversation', {
      params: { conversationId: '00000000-0000-4000-8000-000000000000' },
      body: { muted: 'yes' },
    });
    expect(badMute).toMatchObject({ status: 400, body: { error: 'validation_failed' } });
  });

  it('keeps one subscription for a burst of 100 identical subscribe requests', async () => {
    const { client } = await newAccount();
    const device = pushService.subscribe();
    const answers = await Promise.all(Array.from({ length: 100 }, () => subscribe(client, device, true)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await devicesOf(client)).toHaveLength(1);
    expect(await node.db.pushSubscription.count({ where: { endpoint: device.endpoint } })).toBe(1);
  });

  it('keeps an account at 20 devices under a burst of 100, dropping the oldest', async () => {
    const { client } = await newAccount();
    const first = pushService.subscribe();
    const firstView = (await subscribe(client, first)).body;
    const burst = Array.from({ length: 100 }, () => pushService.subscribe());
    const answers = await Promise.all(burst.map((device) => subscribe(client, device)));
    expect(answers.every((answer) => answer.status === 201)).toBe(true);
    const kept = await devicesOf(client);
    expect(kept).toHaveLength(20);
    expect(kept.map((item) => item.id)).not.toContain(firstView.id);
  });

  it('moves an endpoint to the account that subscribes it last, updating its previews', async () => {
    const ann = await newAccount();
    const carl = await newAccount();
    const device = pushService.subscribe();
    expect((await subscribe(ann.client, device, false)).body.previews).toBe(false);
    expect((await subscribe(ann.client, device, true)).body.previews).toBe(true);
    expect(await devicesOf(ann.client)).toHaveLength(1);
    await subscribe(carl.client, device, false);
    expect(await devicesOf(ann.client)).toEqual([]);
    expect(await devicesOf(carl.client)).toMatchObject([{ previews: false }]);
    // Unsubscribing is by endpoint and only one's own: Ann's call leaves Carl's subscription.
    expect((await ann.client.call('pushUnsubscribe', { body: { endpoint: device.endpoint } })).status).toBe(204);
    expect(await devicesOf(carl.client)).toHaveLength(1);
    expect((await carl.client.call('pushUnsubscribe', { body: { endpoint: device.endpoint } })).status).toBe(204);
    expect(await devicesOf(carl.client)).toEqual([]);
  });

  it("refuses muting another account's conversation", async () => {
    const { client } = await newAccount();
    const answer = await client.call('muteConversation', {
      params: { conversationId: '00000000-0000-4000-8000-000000000000' },
      body: { muted: true },
    });
    expect(answer).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });

  it("drops a session's subscriptions when it signs out, every other one on a new password or sign-out everywhere", async () => {
    const { client: phone, addressId } = await newAccount();
    const laptop = node.session();
    await laptop.login(`${addressId}*a.test`, PASSWORD);
    const tablet = node.session();
    await tablet.login(`${addressId}*a.test`, PASSWORD);
    const [phoneDevice, laptopDevice, tabletDevice] = [1, 2, 3].map(() => pushService.subscribe());
    await subscribe(phone, phoneDevice!);
    await subscribe(laptop, laptopDevice!);
    await subscribe(tablet, tabletDevice!);
    expect(await devicesOf(phone)).toHaveLength(3);

    expect((await laptop.call('logout')).status).toBe(204);
    const endpoints = async () =>
      (await node.db.pushSubscription.findMany({ where: { account: { addressId } } })).map((row) => row.endpoint);
    expect((await endpoints()).sort()).toEqual([phoneDevice!.endpoint, tabletDevice!.endpoint].sort());

    const changed = await phone.call('changePassword', {
      body: { currentPassword: PASSWORD, newPassword: `${PASSWORD} 2` },
    });
    expect(changed.status).toBe(200);
    expect(await endpoints()).toEqual([phoneDevice!.endpoint]);

    expect((await phone.call('logoutEverywhere')).status).toBe(204);
    expect(await endpoints()).toEqual([]);
  });

  it('drops every subscription of an account deleted, or disabled by the operator', async () => {
    const deleted = await newAccount();
    await subscribe(deleted.client, pushService.subscribe());
    const disabled = await newAccount();
    await subscribe(disabled.client, pushService.subscribe());
    const count = (addressId: string) => node.db.pushSubscription.count({ where: { account: { addressId } } });
    expect(await count(deleted.addressId)).toBe(1);
    expect((await deleted.client.call('deleteMe', { body: { password: PASSWORD } })).status).toBe(204);
    expect(await count(deleted.addressId)).toBe(0);

    expect(await count(disabled.addressId)).toBe(1);
    await node.operator.disableUser(disabled.addressId);
    expect(await count(disabled.addressId)).toBe(0);
  });
});

describe.each(DATABASE_KINDS)('push switched off, operator keys, and the outbound guard (%s)', (kind) => {
  let pushService: PushServiceStandIn;
  beforeAll(async () => {
    pushService = await PushServiceStandIn.start();
  });
  afterAll(() => pushService?.close());

  it('answers enabled:false and push_disabled with OPENMSG_PUSH=off', async () => {
    const node = await InProcessNode.start(kind, 'a.test', { OPENMSG_PUSH: 'off' });
    try {
      const client = node.session();
      await client.register('Ann', PASSWORD);
      expect((await client.call('pushKey')).body).toEqual({ enabled: false, publicKey: null });
      const device = pushService.subscribe();
      const answer = await client.call('pushSubscribe', { body: { endpoint: device.endpoint, keys: device.keys } });
      expect(answer).toMatchObject({ status: 403, body: { error: 'push_disabled' } });
      expect(await node.db.nodeSetting.findUnique({ where: { key: 'push_vapid_keys' } })).toBeNull();
    } finally {
      await node.close();
    }
  });

  it("signs with the operator's VAPID keys when given", async () => {
    const publicKey = 'BMRb0igpVnBArB-3v4N8YiBPhpkRbi33mdqvWHZId9c_Pln9-kjEGfUmXZpjLf2WhKlnNKw4a0pDEGtlixrtsKQ';
    const privateKey = 'z5Lh87G9tli12AXIE_o8ADZDRx1GdZiyYEx4ekjB7nY';
    const node = await InProcessNode.start(kind, 'a.test', {
      OPENMSG_PUSH_VAPID_PUBLIC_KEY: publicKey,
      OPENMSG_PUSH_VAPID_PRIVATE_KEY: privateKey,
    });
    try {
      const client = node.session();
      await client.register('Ann', PASSWORD);
      expect((await client.call('pushKey')).body).toEqual({ enabled: true, publicKey });
    } finally {
      await node.close();
    }
  });

  it('refuses loopback and plain-HTTP endpoints without the operator allowance, and never posts to loopback', async () => {
    const node = await InProcessNode.start(kind, 'a.test', { OPENMSG_ALLOW_PRIVATE_PEERS: 'false' });
    try {
      const ann = node.session();
      const bob = node.session();
      await ann.register('Ann', PASSWORD, { addressId: '10' });
      await bob.register('Bob', PASSWORD, { addressId: '20' });
      const code = (await bob.call('createPassCode', { body: {} })).body;
      await ann.call('connect', { body: { address: '20*a.test', passCode: code.code } });

      const device = pushService.subscribe();
      const port = new URL(pushService.origin).port;
      const path = new URL(device.endpoint).pathname;
      const plain = await bob.call('pushSubscribe', { body: { endpoint: device.endpoint, keys: device.keys } });
      expect(plain).toMatchObject({ status: 400, body: { error: 'validation_failed', fields: ['endpoint'] } });
      for (const host of ['127.0.0.1', '[::1]', '10.1.2.3']) {
        const literal = await bob.call('pushSubscribe', {
          body: { endpoint: `https://${host}:${port}${path}`, keys: device.keys },
        });
        expect(literal, host).toMatchObject({
          status: 400,
          body: { error: 'validation_failed', fields: ['endpoint'] },
        });
      }
      // A name is vetted when the node connects: localhost resolves to loopback, and the guard refuses it.
      const named = await bob.call('pushSubscribe', {
        body: { endpoint: `https://localhost:${port}${path}`, keys: device.keys },
      });
      expect(named.status).toBe(201);
      await ann.call('sendMessage', { body: { to: '20*a.test', text: 'Hello Bob' } });
      const row = await eventually(async () => {
        const subscription = await node.db.pushSubscription.findFirstOrThrow({ where: { id: named.body.id } });
        return subscription.consecutiveFailures === 1 && (await node.db.pushJob.count()) === 0 && subscription;
      });
      expect(row.lastSuccessAt).toBeNull();
      expect(pushService.to(device)).toEqual([]);
      expect(node.logs()).toContain('push notification refused');
      expect(node.logs()).not.toContain(path);
    } finally {
      await node.close();
    }
  });
});
