import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessageReceiveRequest } from '@openmsg/core';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { StandInNode } from '../../peer-kit/stand-in-node';
import { InProcessNode } from '../kit/in-process-node';

/** Node A against a stand-in that answers the way the PHP reference is seen to answer. */
describe.each(DATABASE_KINDS)('calling a reference-like node (%s)', (kind) => {
  let a: InProcessNode;
  let reference: StandInNode;
  let alice: ApiClient;

  beforeAll(async () => {
    reference = await new StandInNode('ref.test').start();
    a = await InProcessNode.start(kind, 'a.test', { OPENMSG_PEER_OVERRIDES: `ref.test=${reference.baseUrl}` });
    reference.peerUrls['a.test'] = a.baseUrl;
    alice = await a.createUser('100', 'Alice');
  });
  afterAll(async () => {
    await a?.close();
    await reference?.stop();
  });

  it('sends /auth/ with the trailing slash and the fields the reference needs, and accepts a null name', async () => {
    const connected = await alice.connect('5*ref.test', '123456');
    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({ address: '5*ref.test', otherName: null, name: '5*ref.test' });

    const call = reference.received.find((entry) => entry.path === '/openmsg/auth')!;
    expect(call.url).toBe('/openmsg/auth/');
    expect(call.body).toEqual({
      receiving_openmsg_address_id: '5',
      pass_code: '123456',
      sending_openmsg_address: '100*a.test',
      sending_openmsg_address_name: 'Alice',
      sending_allow_replies: true,
      openmsg_version: 1,
    });
    const stored = await a.db.connection.findFirstOrThrow({ where: { otherAddress: '5*ref.test' } });
    expect(stored.authCode).toBe(reference.lastIssuedSecrets?.authCode);
    expect(stored.otherName).toBeNull();
  });

  it('sends message-receive in the reference layout, which the reference-compatible parser reads', async () => {
    reference.confirmPolicy = 'never';
    const sent = await alice.send('5*ref.test', 'hello reference');
    expect(sent.status).toBe(201);
    // The delivery is asynchronous: wait until the reference got the attempt.
    const call = await eventually(async () =>
      reference.received.find((entry) => entry.path === '/openmsg/message-receive'),
    );
    expect(call.url).toBe('/openmsg/message-receive/');
    expect(Object.keys(call.body as object)).toEqual([
      'receiving_openmsg_address_id',
      'sending_openmsg_address_name',
      'ident_code',
      'message_package',
      'message_hash',
      'message_salt',
      'message_timestamp',
      'openmsg_version',
      'verified_account',
    ]);
    expect(parseMessageReceiveRequest(call.body).ok).toBe(true);
  });

  it('sends allow-replies as the number 0 for a no-reply account (the reference crashes on false)', async () => {
    const shop = await a.createUser('101', 'Shop', { noReplies: true });
    reference.received.length = 0;
    expect((await shop.connect('6*ref.test', '654321')).status).toBe(201);
    expect(reference.received.find((entry) => entry.path === '/openmsg/auth')?.body).toMatchObject({
      sending_allow_replies: 0,
    });
  });
});
