import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import {
  encryptedFrom,
  heldChunks,
  insertReceivedFile,
  insertSentFile,
  makeTestFile,
} from '../../peer-kit/files-1-kit';
import { createTestDatabase, DATABASE_KINDS, eventually, freePort, TestNode } from '../../peer-kit/nodes';
import { ThrottlingProxy } from '../../peer-kit/throttling-proxy';

/**
 * Real node processes, a file between them, and a kill -9 on either side in the middle of the transfer (slowed down by
 * a proxy between b's fetch and a): the transfer resumes from the chunks b holds, the file is stored once and whole,
 * and a shows it delivered only after b's receipt.
 */
describe.each(DATABASE_KINDS)('files-1 transfers across crashes (%s)', (kind) => {
  let a: TestNode;
  let b: TestNode;
  let proxy: ThrottlingProxy;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    proxy = await new ThrottlingProxy(`http://127.0.0.1:${portA}`, 64 * 1024 + 16, 150).start();
    a = new TestNode('a.test', portA, await createTestDatabase(kind), {
      OPENMSG_PEER_OVERRIDES: `b.test=http://127.0.0.1:${portB}`,
    });
    b = new TestNode('b.test', portB, await createTestDatabase(kind), {
      OPENMSG_PEER_OVERRIDES: `a.test=${proxy.baseUrl}`,
    });
    await Promise.all([a.start(), b.start()]);
    alice = await a.createUser('100', 'Alice');
    bob = await b.createUser('200', 'Bob');
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await proxy?.stop();
  });

  async function sendFile(size: number) {
    const file = makeTestFile(size);
    const toBob = await a.db.connection.findFirstOrThrow({ where: { otherAddress: bob.address } });
    const toAlice = await b.db.connection.findFirstOrThrow({ where: { otherAddress: alice.address } });
    const sent = await insertSentFile(a.db, toBob.id, file);
    const received = await insertReceivedFile(b.db, toAlice.id, sent.attachmentId, file);
    return { file, sent: sent.attachmentId, received: received.attachmentId };
  }

  const chunksHeld = (id: string) => b.db.attachmentChunk.count({ where: { attachmentId: id } });

  it('the receiver killed mid-fetch resumes from its chunks; delivered only after the receipt', async () => {
    const { file, sent, received } = await sendFile(40 * 65_536);
    proxy.fetches.length = 0;
    await eventually(async () => ((await chunksHeld(received)) >= 5 ? true : null), 30_000);
    await b.kill();
    const heldAtKill = await chunksHeld(received);
    expect(heldAtKill).toBeLessThan(40);
    expect((await a.db.attachment.findUniqueOrThrow({ where: { id: sent } })).state).toBe('ready');

    await b.start();
    const stored = await eventually(async () => {
      const row = await b.db.attachment.findUniqueOrThrow({ where: { id: received } });
      return row.state === 'stored' ? row : null;
    }, 60_000);
    expect(stored.storedBytes).toBe(file.plain.length);
    expect(Buffer.concat(await heldChunks(b.db, received)).equals(encryptedFrom(file))).toBe(true);
    expect(await chunksHeld(received)).toBe(40);
    const fromChunks = proxy.fetches.map((request) => Number(request.from_chunk));
    expect(fromChunks[0]).toBe(0);
    expect(fromChunks.at(-1)).toBeGreaterThanOrEqual(heldAtKill);
    await eventually(async () =>
      (await a.db.attachment.findUniqueOrThrow({ where: { id: sent } })).state === 'delivered' ? true : null,
    );
    expect(b.logs()).not.toContain(file.key.toString('hex'));
  });

  it('the sender killed while serving: the receiver retries until it is back, and completes', async () => {
    const { file, sent, received } = await sendFile(30 * 65_536);
    await eventually(async () => ((await chunksHeld(received)) >= 5 ? true : null), 30_000);
    await a.kill();
    const heldAtKill = await chunksHeld(received);
    // Retries against a node that is down fail and back off; nothing is lost.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await b.db.attachment.findUniqueOrThrow({ where: { id: received } })).state).toBe('fetching');
    expect(await chunksHeld(received)).toBeGreaterThanOrEqual(heldAtKill);

    await a.start();
    await eventually(async () => {
      const row = await b.db.attachment.findUniqueOrThrow({ where: { id: received } });
      return row.state === 'stored' && !row.receiptPending ? row : null;
    }, 60_000);
    expect((await a.db.attachment.findUniqueOrThrow({ where: { id: sent } })).state).toBe('delivered');
    expect(Buffer.concat(await heldChunks(b.db, received)).equals(encryptedFrom(file))).toBe(true);
  });
});
