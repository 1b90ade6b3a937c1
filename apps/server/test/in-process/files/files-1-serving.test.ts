import {
  buildFiles1FetchRequest,
  buildFiles1ReceiptRequest,
  FILES_1_FETCH_PATH,
  FILES_1_RECEIPT_PATH,
  generateSecretHex,
  unixSeconds,
} from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { encryptedFrom, insertSentFile, makeTestFile, type TestFile } from '../../peer-kit/files-1-kit';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { post, type Secrets, StandInNode } from '../../peer-kit/stand-in-node';
import { InProcessNode } from '../kit/in-process-node';

async function connectStandIn(node: InProcessNode, peer: StandInNode, user: ApiClient): Promise<Secrets> {
  const answer = await peer.handshake(node.baseUrl, user.address, await user.createPassCode(), { id: '1' });
  if (answer.json?.success !== true) throw new Error(`handshake failed: ${answer.text}`);
  return {
    authCode: answer.json.auth_code,
    identCode: answer.json.ident_code,
    messageCryptKey: answer.json.message_crypt_key,
  };
}

async function fetchRaw(node: InProcessNode, body: unknown) {
  const response = await fetch(`${node.baseUrl}${FILES_1_FETCH_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

/**
 * The sending side of files-1 (docs/extensions/files.md §4, §8) on node a.test: stand-in receivers fetch the files
 * Alice sent them, and try what a receiver must not get: another connection's file, guessed ids, bad and stale hashes.
 */
describe.each(DATABASE_KINDS)('files-1 serving (%s)', (kind) => {
  let a: InProcessNode;
  let alice: ApiClient;
  let peer: StandInNode;
  let other: StandInNode;
  let secrets: Secrets;
  let otherSecrets: Secrets;
  let file: TestFile;
  let fileId: string;
  let otherFileId: string;

  const fetchBody = (id: string, fromChunk = 0, overrides: Partial<{ now: Date; authCode: string }> = {}) =>
    buildFiles1FetchRequest({
      identCode: secrets.identCode,
      authCode: overrides.authCode ?? secrets.authCode,
      fileId: id,
      fromChunk,
      now: overrides.now,
    });

  beforeAll(async () => {
    peer = await new StandInNode('standin.test').start();
    other = await new StandInNode('other.test').start();
    a = await InProcessNode.start(kind, 'a.test', {
      OPENMSG_PEER_OVERRIDES: `standin.test=${peer.baseUrl},other.test=${other.baseUrl}`,
    });
    alice = await a.createUser('100', 'Alice');
    secrets = await connectStandIn(a, peer, alice);
    otherSecrets = await connectStandIn(a, other, alice);
    const toPeer = await a.db.connection.findFirstOrThrow({ where: { otherAddress: '1*standin.test' } });
    const toOther = await a.db.connection.findFirstOrThrow({ where: { otherAddress: '1*other.test' } });
    file = makeTestFile(200_000);
    fileId = (await insertSentFile(a.db, toPeer.id, file)).attachmentId;
    otherFileId = (await insertSentFile(a.db, toOther.id, makeTestFile(1000))).attachmentId;
  });
  afterAll(async () => {
    await a?.close();
    await peer?.stop();
    await other?.stop();
  });

  it('streams the sealed chunks with an exact Content-Length, from 0 and from a later chunk', async () => {
    const whole = await fetchRaw(a, fetchBody(fileId));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/octet-stream');
    expect(Number(whole.headers.get('content-length'))).toBe(200_000 + 16 * 4);
    expect(whole.bytes.equals(encryptedFrom(file))).toBe(true);

    const rest = await fetchRaw(a, fetchBody(fileId, 3));
    expect(rest.status).toBe(200);
    expect(Number(rest.headers.get('content-length'))).toBe(200_000 - 3 * 65_536 + 16);
    expect(rest.bytes.equals(encryptedFrom(file, 3))).toBe(true);
  });

  it('counts the chunks served, for the sender’s progress bar', async () => {
    await fetchRaw(a, fetchBody(fileId));
    const row = await eventually(async () => {
      const found = await a.db.attachment.findUniqueOrThrow({ where: { id: fileId } });
      return found.servedChunks === 4 ? found : null;
    });
    expect(row.state).toBe('ready');
  });

  it('FL_E000: a malformed request, and from_chunk past the last chunk', async () => {
    const missing = await fetchRaw(a, { ...fetchBody(fileId), file_id: '' });
    expect(missing.status).toBe(400);
    expect(missing.json()).toMatchObject({ error: true, response_code: 'FL_E000', error_code: 'file_request_invalid' });
    expect((await fetchRaw(a, { ...fetchBody(fileId), file_id: '../../etc/passwd' })).status).toBe(400);
    const notJson = await fetch(`${a.baseUrl}${FILES_1_FETCH_PATH}`, { method: 'POST', body: '{"ident_code":' });
    expect(notJson.status).toBe(400);
    const past = await fetchRaw(a, fetchBody(fileId, 4));
    expect(past.status).toBe(400);
    expect(past.json()).toMatchObject({ response_code: 'FL_E000' });
  });

  it('FL_E001: an ident code no connection has', async () => {
    const answer = await fetchRaw(a, { ...fetchBody(fileId), ident_code: generateSecretHex() });
    expect(answer.status).toBe(403);
    expect(answer.json()).toMatchObject({ response_code: 'FL_E001', error_code: 'ident_code_invalid' });
  });

  it('FL_E004: a hash made without the auth code, or over other values', async () => {
    const wrongKey = await fetchRaw(a, fetchBody(fileId, 0, { authCode: generateSecretHex() }));
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.json()).toMatchObject({ response_code: 'FL_E004', error_code: 'fetch_hash_invalid' });
    // A captured request bent to ask from another chunk no longer matches its hash.
    const bent = await fetchRaw(a, { ...fetchBody(fileId, 0), from_chunk: 1 });
    expect(bent.status).toBe(403);
    expect(bent.bytes.length).toBeLessThan(200);
  });

  it('FL_E005: a timestamp more than 60 s away, either way', async () => {
    for (const seconds of [-61, 61]) {
      const stale = await fetchRaw(a, fetchBody(fileId, 0, { now: new Date((unixSeconds() + seconds) * 1000) }));
      expect(stale.status).toBe(403);
      expect(stale.json()).toMatchObject({ response_code: 'FL_E005', error_code: 'fetch_expired' });
    }
    expect((await fetchRaw(a, fetchBody(fileId, 0, { now: new Date((unixSeconds() - 50) * 1000) }))).status).toBe(200);
  });

  it('FL_E002: another connection’s file and guessed ids get the same answer', async () => {
    const others = await fetchRaw(a, fetchBody(otherFileId));
    expect(others.status).toBe(404);
    const guesses = [
      generateSecretHex().slice(0, 36),
      '0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10',
      fileId.slice(0, -1) + (fileId.endsWith('f') ? '0' : 'f'),
    ];
    for (const guess of guesses) {
      const answer = await fetchRaw(a, fetchBody(guess));
      expect(answer.status).toBe(404);
      expect(answer.json()).toEqual({ ...others.json(), error_message: answer.json().error_message });
      expect(answer.json().error_message).toBe(others.json().error_message);
    }
    expect(others.json()).toMatchObject({ response_code: 'FL_E002', error_code: 'file_unknown' });
    // The other connection's own receiver gets its file.
    const own = await fetchRaw(
      a,
      buildFiles1FetchRequest({
        identCode: otherSecrets.identCode,
        authCode: otherSecrets.authCode,
        fileId: otherFileId,
        fromChunk: 0,
      }),
    );
    expect(own.status).toBe(200);
    expect(own.bytes.length).toBe(1016);
  });

  it('receipt: "stored" marks the file delivered once; the same receipt again is success', async () => {
    const receipt = () =>
      buildFiles1ReceiptRequest({
        identCode: secrets.identCode,
        authCode: secrets.authCode,
        fileId,
        fileSha256: file.sha256,
        status: 'stored',
      });
    const first = await post(`${a.baseUrl}${FILES_1_RECEIPT_PATH}`, receipt());
    expect(first).toMatchObject({ status: 200, json: { success: true } });
    expect((await a.db.attachment.findUniqueOrThrow({ where: { id: fileId } })).state).toBe('delivered');
    const again = await post(`${a.baseUrl}${FILES_1_RECEIPT_PATH}`, receipt());
    expect(again).toMatchObject({ status: 200, json: { success: true } });
    // A refusal after the stored receipt changes nothing: the first answer decided.
    const late = buildFiles1ReceiptRequest({
      identCode: secrets.identCode,
      authCode: secrets.authCode,
      fileId,
      fileSha256: file.sha256,
      status: 'refused',
      reason: 'quota_full',
    });
    expect((await post(`${a.baseUrl}${FILES_1_RECEIPT_PATH}`, late)).status).toBe(200);
    expect(await a.db.attachment.findUniqueOrThrow({ where: { id: fileId } })).toMatchObject({
      state: 'delivered',
      failureCode: null,
    });
    // Still fetchable while the message is kept.
    expect((await fetchRaw(a, fetchBody(fileId))).status).toBe(200);
  });

  it('receipt: refused with its reason; bad hash, stale, unknown file and another connection’s file refused', async () => {
    const target = (
      await insertSentFile(
        a.db,
        (await a.db.connection.findFirstOrThrow({ where: { otherAddress: '1*standin.test' } })).id,
        makeTestFile(10),
      )
    ).attachmentId;
    const sha = (await a.db.attachment.findUniqueOrThrow({ where: { id: target } })).sha256!;
    const refused = (overrides: { fileId?: string; now?: Date; authCode?: string } = {}) =>
      buildFiles1ReceiptRequest({
        identCode: secrets.identCode,
        authCode: overrides.authCode ?? secrets.authCode,
        fileId: overrides.fileId ?? target,
        fileSha256: sha,
        status: 'refused',
        reason: 'hash_mismatch',
        now: overrides.now,
      });
    const url = `${a.baseUrl}${FILES_1_RECEIPT_PATH}`;
    expect((await post(url, refused({ authCode: generateSecretHex() }))).json).toMatchObject({
      response_code: 'FL_E004',
    });
    expect((await post(url, refused({ now: new Date(Date.now() - 120_000) }))).json).toMatchObject({
      response_code: 'FL_E005',
    });
    expect((await post(url, refused({ fileId: otherFileId }))).status).toBe(404);
    expect((await post(url, refused({ fileId: 'guessed-id' }))).status).toBe(404);
    expect((await post(url, { ...refused(), status: 'lost' })).status).toBe(400);
    expect((await a.db.attachment.findUniqueOrThrow({ where: { id: target } })).state).toBe('ready');

    expect(await post(url, refused())).toMatchObject({ status: 200, json: { success: true } });
    expect(await a.db.attachment.findUniqueOrThrow({ where: { id: target } })).toMatchObject({
      state: 'refused',
      failureCode: 'hash_mismatch',
    });
  });
});

describe.each(DATABASE_KINDS)('files-1 endpoints with files off (%s)', (kind) => {
  let a: InProcessNode;
  beforeAll(async () => {
    a = await InProcessNode.start(kind, 'a.test', { OPENMSG_FILES: 'false' });
  });
  afterAll(() => a?.close());

  it('answer as an unknown path does', async () => {
    const body = buildFiles1FetchRequest({
      identCode: generateSecretHex(),
      authCode: generateSecretHex(),
      fileId: 'x',
      fromChunk: 0,
    });
    const unknown = await post(`${a.baseUrl}/openmsg/files-1/nothing-here/`, body);
    for (const path of [FILES_1_FETCH_PATH, FILES_1_RECEIPT_PATH]) {
      const answer = await post(`${a.baseUrl}${path}`, body);
      expect(answer.status).toBe(404);
      expect({ ...answer.json, message: undefined }).toEqual({ ...unknown.json, message: undefined });
    }
  });
});
