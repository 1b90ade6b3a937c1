import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import {
  encryptedFrom,
  heldChunks,
  insertReceivedFile,
  insertSentFile,
  makeTestFile,
} from '../../peer-kit/files-1-kit';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { EventBus, type NodeEvent } from '../../../src/events/event-bus';
import { InProcessNode, startInProcessPair } from '../kit/in-process-node';

async function connectionOf(node: InProcessNode, ownerAddressId: string, otherAddress: string) {
  return node.db.connection.findFirstOrThrow({ where: { account: { addressId: ownerAddressId }, otherAddress } });
}

/**
 * A file between two of our nodes over real HTTP, and between two users of one node in-process: the receiver's worker
 * fetches it from the sender's node, keeps it, and the sender shows it delivered only after the receipt. The message
 * rows are written as the send and receive paths write them (wire's part), so this tests the transfer alone.
 */
describe.each(DATABASE_KINDS)('files-1 between nodes (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind));
    alice = await a.createUser('100', 'Alice');
    bob = await b.createUser('200', 'Bob');
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('b fetches from a, verifies, and a marks the file delivered on the receipt', async () => {
    const heard = { a: [] as NodeEvent[], b: [] as NodeEvent[] };
    const unsubscribe = [
      a.app.get(EventBus).subscribe((event) => void heard.a.push(event)),
      b.app.get(EventBus).subscribe((event) => void heard.b.push(event)),
    ];
    const file = makeTestFile(1_000_000);
    const sent = await insertSentFile(a.db, (await connectionOf(a, '100', bob.address)).id, file, 'report.pdf');
    const received = await insertReceivedFile(
      b.db,
      (await connectionOf(b, '200', alice.address)).id,
      sent.attachmentId,
      file,
    );
    const stored = await eventually(async () => {
      const row = await b.db.attachment.findUniqueOrThrow({ where: { id: received.attachmentId } });
      return row.state === 'stored' && !row.receiptPending ? row : null;
    });
    expect(stored.storedBytes).toBe(1_000_000);
    expect(Buffer.concat(await heldChunks(b.db, received.attachmentId)).equals(encryptedFrom(file))).toBe(true);
    expect(await a.db.attachment.findUniqueOrThrow({ where: { id: sent.attachmentId } })).toMatchObject({
      state: 'delivered',
      servedChunks: file.sealed.length,
    });

    // Progress on both sides, throttled (16 chunks, not one event each unless the transfer is slow), ending whole.
    for (const [events, id] of [
      [heard.a, sent.attachmentId],
      [heard.b, received.attachmentId],
    ] as const) {
      const progress = events.flatMap((event) =>
        event.type === 'attachment.progress' && event.attachmentId === id ? [event.progressBytes] : [],
      );
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)).toBe(1_000_000);
      expect([...progress].sort((x, y) => x - y)).toEqual(progress);
    }
    expect(heard.a).toContainEqual(expect.objectContaining({ type: 'message.updated', messageId: sent.messageId }));
    expect(heard.b).toContainEqual(
      expect.objectContaining({ type: 'message.updated', messageId: received.messageId, state: 'received' }),
    );
    for (const stop of unsubscribe) stop();
  });
});

describe.each(DATABASE_KINDS)('files-1 on one node (%s)', (kind) => {
  let node: InProcessNode;
  let ann: ApiClient;
  let ben: ApiClient;

  beforeAll(async () => {
    // As in production: no private peers and no override, so a call to itself over HTTP could not succeed.
    node = await InProcessNode.start(kind, 'home.test', { OPENMSG_ALLOW_PRIVATE_PEERS: 'false' });
    ann = await node.createUser('1000', 'Ann');
    ben = await node.createUser('2000', 'Ben');
    expect((await ann.connect(ben.address, await ben.createPassCode())).status).toBe(201);
  });
  afterAll(() => node?.close());

  it('Ben’s copy is fetched in-process from Ann’s, each account holding its own', async () => {
    const file = makeTestFile(300_000);
    const sent = await insertSentFile(node.db, (await connectionOf(node, '1000', ben.address)).id, file);
    const received = await insertReceivedFile(
      node.db,
      (await connectionOf(node, '2000', ann.address)).id,
      sent.attachmentId,
      file,
    );
    await eventually(async () => {
      const row = await node.db.attachment.findUniqueOrThrow({ where: { id: received.attachmentId } });
      return row.state === 'stored' && !row.receiptPending ? row : null;
    });
    expect(Buffer.concat(await heldChunks(node.db, received.attachmentId)).equals(encryptedFrom(file))).toBe(true);
    expect(Buffer.concat(await heldChunks(node.db, sent.attachmentId)).equals(encryptedFrom(file))).toBe(true);
    expect((await node.db.attachment.findUniqueOrThrow({ where: { id: sent.attachmentId } })).state).toBe('delivered');
  });
});
