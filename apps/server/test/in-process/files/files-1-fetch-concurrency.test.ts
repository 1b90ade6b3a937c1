import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import {
  FilesSenderStandIn,
  insertReceivedFile,
  makeTestFile,
  serveWhole,
  type TestFile,
} from '../../peer-kit/files-1-kit';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { InProcessNode } from '../kit/in-process-node';
import { FetchQueueRepository } from '../../../src/file-transfer/fetch-queue.repository';

const FILES = 30;

/**
 * Two replicas of one node on one database, each with its fetch worker, and a burst of received files due at once:
 * each file is claimed by one worker, fetched once and stored once. Also the claim itself under a burst of claimers.
 */
describe.each(DATABASE_KINDS)('files-1 fetch claims under concurrency (%s)', (kind) => {
  let first: InProcessNode;
  let second: InProcessNode;
  let bob: ApiClient;
  let peer: FilesSenderStandIn;
  let connectionId: string;
  const files = new Map<string, TestFile>();

  beforeAll(async () => {
    peer = await new FilesSenderStandIn('standin.test').start();
    // Leases and timeouts far beyond this test's length: on a loaded machine the kit's 3 s lease can lapse (or a 2 s
    // fetch time out) and a file be fetched again by design; here a second fetch can only mean a second claim.
    const env = {
      OPENMSG_PEER_OVERRIDES: `standin.test=${peer.baseUrl}`,
      OPENMSG_DELIVERY_POLL_MS: '20',
      OPENMSG_DELIVERY_LEASE_SECONDS: '120',
      OPENMSG_PEER_TIMEOUT_MS: '60000',
    };
    first = await InProcessNode.start(kind, 'b.test', env);
    second = await InProcessNode.start(kind, 'b.test', env, undefined, () => first.testDatabase.url);
    bob = await first.createUser('200', 'Bob');
    const answer = await peer.handshake(first.baseUrl, bob.address, await bob.createPassCode(), { id: '1' });
    expect(answer.json?.success).toBe(true);
    connectionId = (await first.db.connection.findFirstOrThrow({ where: { otherAddress: '1*standin.test' } })).id;
    peer.onFetch = (request, response, sent) => {
      const file = files.get(String(request.file_id));
      if (file) return serveWhole(file)(request, response, sent);
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end('{"error":true,"response_code":"FL_E008"}');
    };
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await peer?.stop();
  });

  it('a burst of files due at once on two replicas: each fetched once, stored once', async () => {
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: FILES }, async (_, i) => {
        const file = makeTestFile(100_000 + i);
        files.set(`burst-${i}`, file);
        ids.push((await insertReceivedFile(first.db, connectionId, `burst-${i}`, file)).attachmentId);
      }),
    );
    await eventually(async () => {
      const done = await first.db.attachment.count({
        where: { id: { in: ids }, state: 'stored', receiptPending: false },
      });
      return done === FILES ? true : null;
    }, 60_000);
    const fetchesPerFile = new Map<string, number>();
    for (const request of peer.fetches) {
      const id = String(request.file_id);
      fetchesPerFile.set(id, (fetchesPerFile.get(id) ?? 0) + 1);
    }
    expect([...fetchesPerFile.values()].every((count) => count === 1)).toBe(true);
    expect(fetchesPerFile.size).toBe(FILES);
    expect(peer.receipts).toHaveLength(FILES);
    expect(await first.db.attachmentChunk.count({ where: { attachmentId: { in: ids } } })).toBe(FILES * 2);
  });

  it('claimers racing for the same due files never hold one file together', async () => {
    // The workers are kept busy elsewhere: these rows are claimed by the racing claimers below, before any poll.
    const queue = first.app.get(FetchQueueRepository);
    const queueOfSecond = second.app.get(FetchQueueRepository);
    const later = new Date(Date.now() + 3600_000);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const file = makeTestFile(10);
      // Not due yet for the workers; due for the claimers, who look one hour ahead.
      const { attachmentId } = await insertReceivedFile(first.db, connectionId, `race-${i}`, file, { dueAt: later });
      ids.push(attachmentId);
    }
    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (i % 2 ? queueOfSecond : queue).claimDue(
          { owner: `claimer-${i}`, leaseUntil: new Date(later.getTime() + 60_000) },
          new Date(later.getTime() + 1000),
          5,
        ),
      ),
    );
    const claimed = claims.flat().filter((id) => ids.includes(id));
    expect(claimed.length).toBe(20);
    expect(new Set(claimed).size).toBe(20);
    const rows = await first.db.attachment.findMany({ where: { id: { in: ids } } });
    expect(rows.every((row) => row.attempts === 1 && row.leaseOwner?.startsWith('claimer-'))).toBe(true);
  });
});
