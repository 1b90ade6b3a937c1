import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecretHex, unixSeconds } from '@openmsg/core';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { post, type Secrets, StandInNode } from '../../peer-kit/stand-in-node';
import { InProcessNode } from '../kit/in-process-node';

/**
 * Node B under test, and a stand-in peer (standin.test) that makes the bodies a correct node never
 * would: every SM_* outcome of message-receive, replays, and callbacks for unknown messages.
 */
describe.each(DATABASE_KINDS)('message-receive checks (%s)', (kind) => {
  let b: InProcessNode;
  let peer: StandInNode;
  let bob: ApiClient;
  let secrets: Secrets;
  const receive = (body: unknown) => post(`${b.baseUrl}/openmsg/message-receive/`, body);
  const inboxCount = () => b.db.message.count({ where: { direction: 'in' } });

  beforeAll(async () => {
    peer = await new StandInNode('standin.test').start();
    b = await InProcessNode.start(kind, 'b.test', { OPENMSG_PEER_OVERRIDES: `standin.test=${peer.baseUrl}` });
    bob = await b.createUser('200', 'Bob');
    const answer = await peer.handshake(b.baseUrl, bob.address, await bob.createPassCode(), {
      id: '1',
      name: 'Stand In',
    });
    expect(answer.json).toMatchObject({ success: true, receiving_openmsg_address_name: 'Bob' });
    secrets = {
      authCode: answer.json.auth_code,
      identCode: answer.json.ident_code,
      messageCryptKey: answer.json.message_crypt_key,
    };
  });
  afterAll(async () => {
    await b?.close();
    await peer?.stop();
  });

  it('SM_S888: accepts a correct message and stores it', async () => {
    const before = await inboxCount();
    const answer = await receive(peer.message('200', secrets, 'hello from the stand-in'));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ success: true, response_code: 'SM_S888' });
    expect(await inboxCount()).toBe(before + 1);
    expect(await b.db.message.findFirst({ where: { body: 'hello from the stand-in' } })).not.toBeNull();
  });

  it('accepts the timestamp as a digit string, as the reference may send it', async () => {
    const body = peer.message('200', secrets, 'string timestamp');
    const answer = await receive({ ...body, message_timestamp: String(body.message_timestamp) });
    expect(answer.json).toMatchObject({ success: true, response_code: 'SM_S888' });
  });

  it('SM_E000: missing data', async () => {
    const { message_hash: _dropped, ...body } = peer.message('200', secrets, 'x', { remember: false });
    expect((await receive(body)).json).toMatchObject({
      error: true,
      response_code: 'SM_E000',
      error_code: 'message_data_missing',
    });
  });

  it('SM_E001: unknown ident_code, or an ident_code of another user', async () => {
    const body = peer.message('200', secrets, 'x', { remember: false });
    expect((await receive({ ...body, ident_code: generateSecretHex() })).json).toMatchObject({
      response_code: 'SM_E001',
      error_code: 'ident_code_invalid',
    });
    expect((await receive({ ...body, receiving_openmsg_address_id: '999' })).json).toMatchObject({
      response_code: 'SM_E001',
    });
  });

  it('SM_E002: the receiving user blocked the sender', async () => {
    await b.db.connection.updateMany({ data: { blocked: true } });
    try {
      expect((await receive(peer.message('200', secrets, 'blocked?'))).json).toMatchObject({
        response_code: 'SM_E002',
        error_code: 'message_rejected_byuser',
      });
    } finally {
      await b.db.connection.updateMany({ data: { blocked: false } });
    }
  });

  it('SM_E003: the sender’s domain does not vouch for the message', async () => {
    const before = await inboxCount();
    expect((await receive(peer.message('200', secrets, 'never sent', { remember: false }))).json).toMatchObject({
      response_code: 'SM_E003',
    });
    expect(await inboxCount()).toBe(before);
  });

  it('SM_E004: a hash made with another auth code, or altered data', async () => {
    expect((await receive(peer.message('200', secrets, 'x', { authCode: generateSecretHex() }))).json).toMatchObject({
      response_code: 'SM_E004',
      error_code: 'message_hash_invalid',
    });
    const body = peer.message('200', secrets, 'x');
    expect((await receive({ ...body, message_salt: body.message_salt + '0' })).json).toMatchObject({
      response_code: 'SM_E004',
    });
  });

  it('SM_E005: a timestamp more than 60 s old, or too far in the future', async () => {
    expect((await receive(peer.message('200', secrets, 'old', { timestamp: unixSeconds() - 61 }))).json).toMatchObject({
      response_code: 'SM_E005',
      error_code: 'message_expired',
    });
    expect(
      (await receive(peer.message('200', secrets, 'future', { timestamp: unixSeconds() + 3600 }))).json,
    ).toMatchObject({ response_code: 'SM_E005' });
  });

  it('SM_E006: sealed with another key', async () => {
    const before = await inboxCount();
    expect((await receive(peer.message('200', secrets, 'x', { key: generateSecretHex() }))).json).toMatchObject({
      response_code: 'SM_E006',
      error_code: 'message_decryption_error',
    });
    expect(await inboxCount()).toBe(before);
  });

  it('SM_E007: a replayed body is refused even when its sender confirms it again', async () => {
    peer.confirmPolicy = 'always'; // as a reference sender does: it never uses up an outbox entry
    try {
      const body = peer.message('200', secrets, 'only once');
      expect((await receive(body)).json).toMatchObject({ success: true });
      expect((await receive(body)).json).toMatchObject({ response_code: 'SM_E007', error_code: 'message_nonce_error' });
      expect(await b.db.message.count({ where: { body: 'only once' } })).toBe(1);
    } finally {
      peer.confirmPolicy = 'known-once';
    }
  });

  it('calls back the domain of the stored connection, never one named in the request', async () => {
    const calls = peer.received.length;
    await receive({
      ...peer.message('200', secrets, 'with junk fields'),
      sending_openmsg_address: '1*evil.test',
      domain: 'evil.test',
    });
    expect(peer.received.slice(calls).map((call) => call.path)).toEqual(['/openmsg/message-confirm']);
  });
});

describe.each(DATABASE_KINDS)('message-confirm on the sending node (%s)', (kind) => {
  let b: InProcessNode;
  beforeAll(async () => {
    b = await InProcessNode.start(kind, 'b.test');
  });
  afterAll(async () => {
    await b?.close();
  });

  it('refuses a callback for a message this node did not send', async () => {
    const answer = await post(`${b.baseUrl}/openmsg/message-confirm/`, {
      message_hash: generateSecretHex(),
      message_nonce: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYX',
    });
    expect(answer.json).toMatchObject({ error: true, response_code: 'SM_E003', error_code: 'message_unknown' });
  });

  it('confirms an outbox entry once, and only within 60 s', async () => {
    const account = await b.db.account.create({ data: { addressId: '7', displayName: 'Seven' } });
    const message = await b.db.message.create({
      data: { accountId: account.id, otherAddress: '1*x.test', direction: 'out', body: 'x', state: 'sending' },
    });
    const fresh = {
      messageId: message.id,
      messageHash: generateSecretHex(),
      messageNonce: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYX',
    };
    const stale = {
      messageId: message.id,
      messageHash: generateSecretHex(),
      messageNonce: 'BBECAwQFBgcICQoLDA0ODxAREhMUFRYX',
      createdAt: new Date(Date.now() - 61_000),
    };
    await b.db.outboxEntry.create({ data: fresh });
    await b.db.outboxEntry.create({ data: stale });
    const confirm = (entry: { messageHash: string; messageNonce: string }) =>
      post(`${b.baseUrl}/openmsg/message-confirm/`, {
        message_hash: entry.messageHash,
        message_nonce: entry.messageNonce,
      }).then((r) => r.json);
    expect(await confirm(fresh)).toMatchObject({ success: true });
    expect(await confirm(fresh)).toMatchObject({ response_code: 'SM_E003' });
    expect(await confirm(stale)).toMatchObject({ response_code: 'SM_E003' });
    expect(await confirm({ ...fresh, messageNonce: 'CCECAwQFBgcICQoLDA0ODxAREhMUFRYX' })).toMatchObject({
      response_code: 'SM_E003',
    });
  });
});
