/**
 * Inbox read benchmark: one user with 100,000 messages (BENCH_INBOX_MESSAGES) across 20 contacts,
 * a third of the incoming ones unread. Measures, over real HTTP with an access token, the
 * conversation list, the newest thread page, and a thread page deep in the history.
 *
 *   pnpm --filter @openmsg/server bench:inbox
 *   BENCH_INBOX_MESSAGES=20000 BENCH_DATABASES=sqlite pnpm --filter @openmsg/server bench:inbox
 */
import { randomUUID } from 'node:crypto';
import { type DatabaseKind, startTestNode } from '../test/peer-kit/nodes';
import { getJson, userViaCli } from './http-client';
import { percentile } from './stats';

const MESSAGES = Number(process.env.BENCH_INBOX_MESSAGES ?? 100_000);
const CONTACTS = 20;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgresql').split(',') as DatabaseKind[];

async function bench(kind: DatabaseKind): Promise<void> {
  const node = await startTestNode(kind, 'inbox.test', { LOG_LEVEL: 'error' });
  try {
    const user = await userViaCli(node, '100', 'Inbox Owner');
    const account = await node.db.account.findUniqueOrThrow({ where: { addressId: '100' } });
    const contacts = Array.from({ length: CONTACTS }, (_, i) => ({
      id: randomUUID(),
      accountId: account.id,
      otherAddress: `${1000 + i}*peer.test`,
      otherName: `Contact ${i}`,
      otherAcceptsMessages: true,
      authCode: 'x'.repeat(64),
      identCode: randomUUID(),
      messageCryptKey: 'y'.repeat(64),
    }));
    await node.db.connection.createMany({ data: contacts });
    const seeded = Date.now();
    const start = Date.now() - MESSAGES * 1000;
    for (let offset = 0; offset < MESSAGES; offset += 2000) {
      const batch = Array.from({ length: Math.min(2000, MESSAGES - offset) }, (_, j) => {
        const i = offset + j;
        const contact = contacts[i % CONTACTS] as (typeof contacts)[number];
        const incoming = i % 2 === 0;
        return {
          accountId: account.id,
          connectionId: contact.id,
          otherAddress: contact.otherAddress,
          direction: incoming ? 'in' : 'out',
          body: `message number ${i} with some ordinary text in it`,
          state: incoming ? 'received' : 'delivered',
          createdAt: new Date(start + i * 1000),
          readAt: incoming && i % 3 !== 0 ? new Date(start + i * 1000) : null,
        };
      });
      await node.db.message.createMany({ data: batch });
    }
    console.log(`${kind}: seeded ${MESSAGES} messages in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    // What autovacuum / the planner would have done on a database in use for a while: fresh statistics
    // (and, on PostgreSQL, a visibility map, without which index-only counts visit the table).
    await node.db.$executeRawUnsafe(kind === 'postgresql' ? 'VACUUM ANALYZE "Message"' : 'ANALYZE');

    const headers = { authorization: `Bearer ${user.token}` };
    const time = async (label: string, url: string) => {
      const latencies: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const before = performance.now();
        const { status } = await getJson(url, headers);
        latencies.push(performance.now() - before);
        if (status !== 200) throw new Error(`${label} answered ${status}`);
      }
      latencies.sort((x, y) => x - y);
      console.log(
        `${kind.padEnd(11)} ${label.padEnd(34)} p50 ${percentile(latencies, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(latencies, 95).toFixed(1).padStart(6)} ms   p99 ${percentile(latencies, 99).toFixed(1).padStart(6)} ms`,
      );
    };
    const busiest = contacts[0] as (typeof contacts)[number];
    const list = await getJson(`${node.baseUrl}/api/v1/conversations?limit=50`, headers);
    if (list.json.items.length !== CONTACTS) throw new Error('conversation list is incomplete');
    await time('conversation list (20 contacts)', `${node.baseUrl}/api/v1/conversations?limit=50`);
    await time('thread, newest page of 50', `${node.baseUrl}/api/v1/conversations/${busiest.id}/messages?limit=50`);
    let cursor: string | null = null;
    for (let page = 0; page < 40; page++) {
      const answer: { json: { nextCursor: string | null } } = await getJson(
        `${node.baseUrl}/api/v1/conversations/${busiest.id}/messages?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
        headers,
      );
      cursor = answer.json.nextCursor;
    }
    await time('thread, page 40 of 50 (by cursor)', `${node.baseUrl}/api/v1/conversations/${busiest.id}/messages?limit=50&cursor=${cursor}`);
  } finally {
    await node.dispose();
  }
}

async function main(): Promise<void> {
  console.log(`inbox benchmark: ${MESSAGES} messages, ${CONTACTS} contacts, ${REQUESTS} sequential requests per figure`);
  for (const kind of DATABASES) await bench(kind);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
