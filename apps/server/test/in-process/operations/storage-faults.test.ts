import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { CuttableTcpProxy } from '../../peer-kit/cuttable-tcp-proxy';
import { type DatabaseKind, eventually, freePort } from '../../peer-kit/nodes';
import { PrismaService } from '../../../src/database/prisma.service';
import { InProcessNode } from '../kit/in-process-node';
import { sumOf } from '../kit/prometheus-text';

type Fault = 'database_unavailable' | 'storage_full' | 'storage_read_only';

/**
 * Real faults under a node (a.test) that a peer (b.test) talks to: PostgreSQL cut off (a TCP proxy
 * between the node and its own database is cut; the shared server is never touched), a SQLite
 * database that is full (PRAGMA max_page_count on the node's own connection: SQLITE_FULL) and one
 * that cannot be written (PRAGMA query_only: SQLITE_READONLY). Each: the client API answers 503
 * with the fault's code and Retry-After, readiness follows the database, the fault is logged once
 * when it starts and once when it ends, the metrics count it, a peer sending meanwhile is told to
 * try again, and nothing accepted is lost or doubled.
 */
const CASES: { kind: DatabaseKind; fault: Fault }[] = [
  { kind: 'postgresql', fault: 'database_unavailable' },
  { kind: 'sqlite', fault: 'storage_full' },
  { kind: 'sqlite', fault: 'storage_read_only' },
];

describe.each(CASES)('a storage fault answered clearly ($kind, $fault)', ({ kind, fault }) => {
  let a: InProcessNode | undefined;
  let b: InProcessNode | undefined;
  let proxy: CuttableTcpProxy | undefined;
  afterEach(async () => {
    await proxy?.restore();
    await a?.close();
    await b?.close();
    await proxy?.stop();
  });

  it('answers 503 with its code and Retry-After, recovers by itself, and loses or doubles nothing', async () => {
    proxy = kind === 'postgresql' ? await new CuttableTcpProxy().start() : undefined;
    const [portA, portB] = [await freePort(), await freePort()];
    const overrides = { OPENMSG_PEER_OVERRIDES: `a.test=http://127.0.0.1:${portA},b.test=http://127.0.0.1:${portB}` };
    // Nest's static loggers write to the node started last: a.test, whose log lines are counted.
    b = await InProcessNode.start(kind, 'b.test', overrides, portB);
    a = await InProcessNode.start(kind, 'a.test', overrides, portA, (url) => proxy?.route(url) ?? url);
    const nodeA = a;
    const alice = await nodeA.createUser('100', 'Alice');
    const bob = await b.createUser('200', 'Bob');
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);

    const accepted: string[] = [];
    const sendAccepted = async (text: string) => {
      const { status, body } = await alice.send(bob.address, text);
      expect(status).toBe(201);
      accepted.push(text);
      return body.id as string;
    };
    for (const text of ['before 1', 'before 2']) await alice.waitForState(await sendAccepted(text), ['delivered']);

    const faults = faultControls(kind, fault, nodeA, proxy);
    await faults.begin();

    // The user's sends: 503 with the code and Retry-After; what was refused is not stored. On a full
    // disk a message that still fits is saved (and answered 201): it must arrive like any other.
    const refused: string[] = [];
    for (let i = 0; refused.length < 3 && i < 300; i++) {
      const text = `during ${i}`;
      const response = await sendRaw(alice, bob.address, text);
      if (response.status === 201) {
        accepted.push(text);
        continue;
      }
      expect(response.status).toBe(503);
      expect(response.retryAfter).toBe('5');
      expect(response.body).toMatchObject({ statusCode: 503, error: fault });
      refused.push(text);
    }
    expect(refused).toHaveLength(3);
    if (fault !== 'storage_full') {
      expect(accepted).toHaveLength(2);
      // 50 at once: each answered the same, none stored, and still one log line (below).
      const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => sendRaw(alice, bob.address, `burst ${i}`)));
      expect(
        burst.map((answer) => [answer.status, answer.retryAfter, (answer.body as { error: string }).error]),
      ).toEqual(burst.map(() => [503, '5', fault]));
    }

    // Readiness follows the database; liveness stays up.
    const ready = await nodeA.fetch('/readyz');
    expect(ready.status).toBe(fault === 'database_unavailable' ? 503 : 200);
    if (fault === 'database_unavailable') {
      expect(ready.headers.get('retry-after')).toBe('5');
      expect(await ready.json()).toMatchObject({ error: 'database_unavailable' });
    }
    expect((await nodeA.fetch('/healthz')).status).toBe(200);
    const during = await scrape(nodeA);
    expect(sumOf(during, 'openmsg_storage_fault', { kind: fault })).toBe(1);
    expect(sumOf(during, 'openmsg_storage_fault')).toBe(1);

    if (fault === 'database_unavailable') {
      // Every federation endpoint that needs the database: a transient answer in the protocol's shape.
      const confirm = await nodeA.fetch('/openmsg/message-confirm', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message_hash: 'a'.repeat(64), message_nonce: 'b'.repeat(32) }),
      });
      expect(confirm.status).toBe(503);
      expect(confirm.headers.get('retry-after')).toBe('5');
      expect(await confirm.json()).toMatchObject({
        error: true,
        response_code: 'SM_E008',
        error_code: 'message_rejected_temp',
      });
    }

    // A peer sending meanwhile is told to try again later (HTTP 503, SM_E008), and its sender retries.
    const fromBob = await bob.send(alice.address, 'from bob during the fault');
    expect(fromBob.status).toBe(201);
    if (fault !== 'storage_full') {
      // (a full disk may still fit this one message: then it is simply stored)
      const retried = await eventually(async () => {
        const row = await b!.db.message.findUnique({ where: { id: fromBob.body.id as string } });
        return row && row.attempts >= 1 && row.state === 'queued' ? row : null;
      });
      expect(retried.failureCode).toBe('http_status');
      expect(retried.failureReason).toMatch(/HTTP 503/);
    }

    await faults.end();
    await eventually(async () => (nodeA.logs().includes('storage fault ended') ? true : null), 30_000);
    for (const text of ['after 1', 'after 2']) await alice.waitForState(await sendAccepted(text), ['delivered']);
    expect((await nodeA.fetch('/readyz')).status).toBe(200);

    // Everything accepted arrived once; nothing refused was stored; the peer's message arrived once.
    const received = await eventually(async () => {
      const thread = await bob.thread(alice.address);
      return thread.length === accepted.length + 1 ? thread : null;
    }, 30_000);
    expect(
      received
        .filter((message) => message.direction === 'in')
        .map((message) => message.text)
        .sort(),
    ).toEqual([...accepted].sort());
    expect(await nodeA.db.message.count({ where: { direction: 'out' } })).toBe(accepted.length);
    expect(await nodeA.db.message.count()).toBe(accepted.length + 1);
    const aliceThread = await eventually(async () => {
      const thread = await alice.thread(bob.address);
      return thread.some((message) => message.direction === 'in') ? thread : null;
    });
    expect(aliceThread.filter((message) => message.text === 'from bob during the fault')).toHaveLength(1);
    await bob.waitForState(fromBob.body.id as string, ['delivered']);

    // Logged once when it started and once when it ended, whatever the number of requests; the metrics count it.
    const lines = nodeA.logs().split('\n');
    const started = lines.filter((line) => line.includes('"storage fault started"'));
    const ended = lines.filter((line) => line.includes('"storage fault ended"'));
    expect(started).toHaveLength(1);
    expect(ended).toHaveLength(1);
    expect(JSON.parse(started[0] as string)).toMatchObject({ kind: fault });
    expect(JSON.parse(ended[0] as string)).toMatchObject({ kind: fault, durationSeconds: expect.any(Number) });
    const after = await scrape(nodeA);
    expect(sumOf(after, 'openmsg_storage_fault')).toBe(0);
    expect(sumOf(after, 'openmsg_storage_fault_seconds_total', { kind: fault })).toBeGreaterThan(0);
    // No error lines: neither one per request nor one per delivery poll.
    expect(lines.filter((line) => line.includes('"level":50'))).toEqual([]);
  });
});

async function sendRaw(client: ApiClient, to: string, text: string) {
  const response = await fetch(`${client.baseUrl}/api/v1/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to, text }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as unknown,
  };
}

async function scrape(node: InProcessNode): Promise<string> {
  const response = await node.fetch('/metrics');
  expect(response.status).toBe(200);
  return response.text();
}

/** How each fault is made real and taken away again, on the node's own database connection or in front of it. */
function faultControls(kind: DatabaseKind, fault: Fault, node: InProcessNode, proxy: CuttableTcpProxy | undefined) {
  const connection = node.app.get(PrismaService);
  switch (fault) {
    case 'database_unavailable':
      return { begin: () => proxy!.cut(), end: () => proxy!.restore() };
    case 'storage_full':
      // At most as many pages as the file has now (SQLite never sets it lower): the next page it needs fails with SQLITE_FULL.
      return {
        begin: () => connection.$queryRawUnsafe('PRAGMA max_page_count = 1').then(() => undefined),
        end: () => connection.$queryRawUnsafe('PRAGMA max_page_count = 1073741823').then(() => undefined),
      };
    case 'storage_read_only':
      return {
        begin: () => connection.$executeRawUnsafe('PRAGMA query_only = ON').then(() => undefined),
        end: () => connection.$executeRawUnsafe('PRAGMA query_only = OFF').then(() => undefined),
      };
    default:
      throw new Error(`no such fault on ${kind}`);
  }
}
