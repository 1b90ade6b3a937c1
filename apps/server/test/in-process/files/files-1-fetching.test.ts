import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { files1FetchHash, files1ReceiptHash } from '@openmsg/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import {
  announceFiles1,
  encryptedFrom,
  FilesSenderStandIn,
  heldChunks,
  insertReceivedFile,
  makeTestFile,
  quotaUsed,
  serveWhole,
  type TestFile,
} from '../../peer-kit/files-1-kit';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import type { Secrets } from '../../peer-kit/stand-in-node';
import { InProcessNode } from '../kit/in-process-node';

/** Writes `bytes` and waits until the socket took them (or closed). */
function write(response: ServerResponse, bytes: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    if (response.destroyed || response.writableEnded) return resolve(false);
    if (response.write(bytes)) return resolve(true);
    const done = (ok: boolean) => {
      response.off('drain', onDrain);
      response.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    response.on('drain', onDrain);
    response.on('close', onClose);
  });
}

/** Sends up to `limit` bytes of junk, as fast as the receiver reads, until it hangs up. */
async function flood(response: ServerResponse, limit: number, sent: (n: number) => void): Promise<void> {
  const junk = randomBytes(1024 * 1024);
  for (let total = 0; total < limit; total += junk.length) {
    sent(junk.length);
    if (!(await write(response, junk))) return;
  }
  response.end();
}

/**
 * The receiving side of files-1 (docs/extensions/files.md §4, §7, §8) on node b.test: a stand-in sender serves the
 * file as it should, or as a hostile or broken node would: more than announced, never finishing, a chunk that does not
 * open, another file than the manifest's hash; b's fetch worker must keep only the right file, whole, and say so.
 */
describe.each(DATABASE_KINDS)('files-1 fetching (%s)', (kind) => {
  let b: InProcessNode;
  let bob: ApiClient;
  let peer: FilesSenderStandIn;
  let quiet: FilesSenderStandIn;
  let secrets: Secrets;
  let connectionId: string;
  let accountId: string;

  const attachment = (id: string) => b.db.attachment.findUniqueOrThrow({ where: { id } });
  const settled = (id: string, state: 'stored' | 'refused') =>
    eventually(async () => {
      const row = await attachment(id);
      return row.state === state && !row.receiptPending ? row : null;
    }, 30_000);

  beforeAll(async () => {
    peer = await new FilesSenderStandIn('standin.test').start();
    quiet = await new FilesSenderStandIn('quiet.test', false).start();
    b = await InProcessNode.start(kind, 'b.test', {
      OPENMSG_PEER_OVERRIDES: `standin.test=${peer.baseUrl},quiet.test=${quiet.baseUrl}`,
      OPENMSG_PEER_TIMEOUT_MS: '1000',
    });
    bob = await b.createUser('200', 'Bob');
    const answer = await peer.handshake(b.baseUrl, bob.address, await bob.createPassCode(), { id: '1' });
    secrets = {
      authCode: answer.json.auth_code,
      identCode: answer.json.ident_code,
      messageCryptKey: answer.json.message_crypt_key,
    };
    const connection = await b.db.connection.findFirstOrThrow({ where: { otherAddress: '1*standin.test' } });
    connectionId = connection.id;
    accountId = connection.accountId;
    const quietAnswer = await quiet.handshake(b.baseUrl, bob.address, await bob.createPassCode(), { id: '1' });
    expect(quietAnswer.json?.success).toBe(true);
    // The stand-in's auth-confirm answer announced files-1: b knows it from the handshake.
    expect(
      JSON.parse((await b.db.peerExtensions.findUniqueOrThrow({ where: { domain: 'standin.test' } })).extensions),
    ).toHaveProperty('files-1');
  });
  afterEach(() => {
    peer.fetches.length = 0;
    peer.receipts.length = 0;
    peer.sentBytes = 0;
    peer.receiptAnswer = { status: 200, body: { success: true } };
  });
  afterAll(async () => {
    await b?.close();
    await peer?.stop();
    await quiet?.stop();
  });

  it('fetches a file, keeps its sealed chunks, verifies it, and sends a stored receipt the sender can check', async () => {
    const file = makeTestFile(200_000);
    peer.onFetch = serveWhole(file);
    const usedBefore = await quotaUsed(b.db, accountId);
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-one', file);
    const row = await settled(attachmentId, 'stored');
    expect(row).toMatchObject({ storedBytes: 200_000, nextAttemptAt: null, leaseOwner: null, failureCode: null });
    expect(row.reservedBytes).toBe(200_000);
    expect(await quotaUsed(b.db, accountId)).toBe(usedBefore + 200_000n);
    expect(Buffer.concat(await heldChunks(b.db, attachmentId)).equals(encryptedFrom(file))).toBe(true);

    const [request] = peer.fetches;
    expect(request).toMatchObject({ ident_code: secrets.identCode, file_id: 'file-one', from_chunk: 0 });
    expect(request!.fetch_hash).toBe(
      files1FetchHash({
        fileId: 'file-one',
        fromChunk: 0,
        authCode: secrets.authCode,
        salt: String(request!.fetch_salt),
        timestamp: Number(request!.fetch_timestamp),
      }),
    );
    const [receipt] = peer.receipts;
    expect(receipt).toMatchObject({ file_id: 'file-one', status: 'stored', reason: '' });
    expect(receipt!.receipt_hash).toBe(
      files1ReceiptHash({
        fileId: 'file-one',
        status: 'stored',
        reason: '',
        fileSha256: file.sha256,
        authCode: secrets.authCode,
        salt: String(receipt!.receipt_salt),
        timestamp: Number(receipt!.receipt_timestamp),
      }),
    );
    expect(b.logs()).not.toContain(secrets.authCode);
    expect(b.logs()).not.toContain(file.key.toString('hex'));
  });

  it('a sender that never finishes: the attempt ends at the idle timeout, the chunks held stay, the next resumes', async () => {
    const file = makeTestFile(300_000);
    let attempt = 0;
    peer.onFetch = async (request, response, sent) => {
      attempt++;
      if (attempt > 1) return serveWhole(file)(request, response, sent);
      const body = encryptedFrom(file);
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
      // Two whole chunks and a part of the third, then silence.
      await write(response, body.subarray(0, 2 * (65_536 + 16) + 1000));
    };
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-stalls', file);
    await settled(attachmentId, 'stored');
    expect(peer.fetches.map((request) => request.from_chunk)).toEqual([0, 2]);
    expect(Buffer.concat(await heldChunks(b.db, attachmentId)).equals(encryptedFrom(file))).toBe(true);
  });

  it('a stream that ends early is tried again from the chunks held', async () => {
    const file = makeTestFile(300_000);
    let attempt = 0;
    peer.onFetch = (request, response, sent) => {
      attempt++;
      if (attempt > 1) return serveWhole(file)(request, response, sent);
      const body = encryptedFrom(file);
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
      response.write(body.subarray(0, 65_536 + 16 + 7), () => setTimeout(() => response.destroy(), 50));
    };
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-cut', file);
    await settled(attachmentId, 'stored');
    expect(peer.fetches.map((request) => request.from_chunk)).toEqual([0, 1]);
  });

  it('a chunk that does not open fails the attempt and is not stored; the chunks before it are kept', async () => {
    const file = makeTestFile(300_000);
    let attempt = 0;
    let heldAfterFirst: number | null = null;
    peer.onFetch = async (request, response, sent) => {
      attempt++;
      if (attempt > 1) {
        heldAfterFirst = (await heldChunks(b.db, attachmentIdOf)).length;
        return serveWhole(file)(request, response, sent);
      }
      const body = Buffer.from(encryptedFrom(file));
      body.writeUInt8(body.readUInt8(65_536 + 16 + 100) ^ 0x01, 65_536 + 16 + 100); // inside chunk 1
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
      response.end(body);
    };
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-altered', file);
    const attachmentIdOf = attachmentId;
    await settled(attachmentId, 'stored');
    expect(heldAfterFirst).toBe(1);
    expect(peer.fetches.map((request) => request.from_chunk)).toEqual([0, 1]);
    expect(Buffer.concat(await heldChunks(b.db, attachmentId)).equals(encryptedFrom(file))).toBe(true);
  });

  it('a SHA-256 that does not match the manifest: refused, nothing kept, a refused receipt', async () => {
    const file = makeTestFile(100_000);
    peer.onFetch = serveWhole(file);
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-lies', file, {
      sha256: 'ab'.repeat(32),
    });
    const row = await settled(attachmentId, 'refused');
    expect(row).toMatchObject({ failureCode: 'hash_mismatch', storedBytes: 0 });
    expect(await b.db.attachmentChunk.count({ where: { attachmentId } })).toBe(0);
    expect(peer.receipts).toEqual([
      expect.objectContaining({ file_id: 'file-lies', status: 'refused', reason: 'hash_mismatch' }),
    ]);
    // The message's text stays.
    expect(await b.db.message.findUniqueOrThrow({ where: { id: row.messageId! } })).toMatchObject({
      state: 'received',
    });
  });

  it('a peer announcing 1 MB and declaring 10 GB: refused at the header, nothing read or kept', async () => {
    const file = makeTestFile(1024 * 1024);
    peer.onFetch = async (_request, response, sent) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(10 * 1024 ** 3) });
      await flood(response, 10 * 1024 ** 3, sent);
    };
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-ten-gb', file);
    const row = await settled(attachmentId, 'refused');
    expect(row.failureCode).toBe('too_large');
    expect(await b.db.attachmentChunk.count({ where: { attachmentId } })).toBe(0);
    expect(peer.sentBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('a peer announcing 1 MB and streaming 10 GB: reading stops at the expected length, memory stays flat', async () => {
    const file = makeTestFile(1024 * 1024);
    peer.onFetch = async (_request, response, sent) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked: no length to refuse
      if (!(await write(response, encryptedFrom(file)))) return;
      sent(encryptedFrom(file).length);
      await flood(response, 10 * 1024 ** 3, sent);
    };
    const before = process.memoryUsage().rss;
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-flood', file);
    const row = await eventually(async () => {
      const found = await attachment(attachmentId);
      return found.state !== 'fetching' && !found.receiptPending ? found : null;
    }, 30_000);
    // Either the bytes past the file came in the read that ended it (refused: more than announced), or reading had
    // stopped before them (the right file kept). Never more than the file, never a wrong one.
    if (row.state === 'refused') expect(row.failureCode).toBe('too_large');
    else expect(Buffer.concat(await heldChunks(b.db, attachmentId)).equals(encryptedFrom(file))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(peer.sentBytes).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(128 * 1024 * 1024);
  });

  it('junk instead of the file: the first chunk does not open, little is read, the file is tried again later', async () => {
    const file = makeTestFile(1024 * 1024);
    peer.onFetch = async (_request, response, sent) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      await flood(response, 10 * 1024 ** 3, sent);
    };
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-junk', file);
    await eventually(async () => ((await attachment(attachmentId)).attempts >= 2 ? true : null), 30_000);
    expect(await b.db.attachmentChunk.count({ where: { attachmentId } })).toBe(0);
    expect((await attachment(attachmentId)).state).toBe('fetching');
    expect(peer.sentBytes).toBeLessThan(64 * 1024 * 1024 * peer.fetches.length);
    // Stop it: the sender deletes the file.
    peer.onFetch = (_request, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":true,"response_code":"FL_E002","error_code":"file_unknown","error_message":"no"}');
    };
    expect((await settled(attachmentId, 'refused')).failureCode).toBe('gone');
  });

  it('a sender that cannot serve now (503 FL_E008) is tried again with back-off, then the file comes', async () => {
    const file = makeTestFile(70_000);
    let attempt = 0;
    peer.onFetch = (request, response, sent) => {
      attempt++;
      if (attempt >= 3) return serveWhole(file)(request, response, sent);
      response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      response.end(
        '{"error":true,"response_code":"FL_E008","error_code":"fetch_rejected_temp","error_message":"busy"}',
      );
    };
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-busy', file);
    await settled(attachmentId, 'stored');
    expect(peer.fetches).toHaveLength(3);
  });

  it('a receipt not answered is sent again until it is', async () => {
    const file = makeTestFile(10);
    peer.onFetch = serveWhole(file);
    peer.receiptAnswer = { status: 503, body: { error: true, response_code: 'FL_E008' } };
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-receipt', file);
    await eventually(async () => (peer.receipts.length >= 2 ? true : null));
    expect((await attachment(attachmentId)).receiptPending).toBe(true);
    peer.receiptAnswer = { status: 200, body: { success: true } };
    await settled(attachmentId, 'stored');
    expect(peer.fetches).toHaveLength(1);
  });

  it('gives up after the fetch days: refused "expired", with a receipt', async () => {
    const file = makeTestFile(10);
    peer.onFetch = serveWhole(file);
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-old', file, {
      receivedAt: new Date(Date.now() - (b.config.files.fetchDays + 1) * 24 * 3600 * 1000),
    });
    expect((await settled(attachmentId, 'refused')).failureCode).toBe('expired');
    expect(peer.fetches.filter((request) => request.file_id === 'file-old')).toHaveLength(0);
    expect(peer.receipts).toEqual([expect.objectContaining({ status: 'refused', reason: 'expired' })]);
  });

  it('a full quota: refused "quota_full" before any byte is fetched, and the sender told', async () => {
    const file = makeTestFile(100_000);
    peer.onFetch = serveWhole(file);
    const key = `account:${accountId}`;
    const used = await quotaUsed(b.db, accountId);
    const nearlyFull = BigInt(b.config.files.accountQuotaBytes) - 99_999n;
    await b.db.fileStorageUsage.upsert({
      where: { key },
      create: { key, bytes: nearlyFull },
      update: { bytes: nearlyFull },
    });
    try {
      const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-no-room', file);
      expect((await settled(attachmentId, 'refused')).failureCode).toBe('quota_full');
      expect(peer.fetches).toHaveLength(0);
      expect(peer.receipts).toEqual([expect.objectContaining({ status: 'refused', reason: 'quota_full' })]);
      expect(await quotaUsed(b.db, accountId)).toBe(nearlyFull);
    } finally {
      await b.db.fileStorageUsage.update({ where: { key }, data: { bytes: used } });
    }
  });

  it('no request to a sender whose node does not announce files-1; fetched once it does', async () => {
    const file = makeTestFile(1000);
    quiet.onFetch = serveWhole(file);
    const quietConnection = await b.db.connection.findFirstOrThrow({ where: { otherAddress: '1*quiet.test' } });
    const { attachmentId } = await insertReceivedFile(b.db, quietConnection.id, 'file-quiet', file);
    await eventually(async () => ((await attachment(attachmentId)).attempts >= 2 ? true : null));
    expect(quiet.fetches).toHaveLength(0);
    expect((await attachment(attachmentId)).state).toBe('fetching');
    // Its node announces files-1 now (recorded from an answer); b reads the record again within 10 s.
    await announceFiles1(b.db, 'quiet.test');
    await settled(attachmentId, 'stored');
    expect(quiet.fetches).toHaveLength(1);
  });

  it('an empty file is one empty chunk', async () => {
    const file: TestFile = makeTestFile(0);
    peer.onFetch = serveWhole(file);
    const { attachmentId } = await insertReceivedFile(b.db, connectionId, 'file-empty', file);
    expect(await settled(attachmentId, 'stored')).toMatchObject({ size: 0, storedBytes: 0 });
    expect((await heldChunks(b.db, attachmentId)).map((chunk) => chunk.length)).toEqual([16]);
  });
});
