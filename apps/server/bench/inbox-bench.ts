/**
 * Inbox read benchmark: one user with 1,000,000 messages (BENCH_MESSAGES) spread evenly over 20,
 * 1,000 and 10,000 contacts (BENCH_CONTACTS, a fresh node and database for each count), half of
 * them incoming and a third of those unread. Measures, over real HTTP with an access token and
 * sequential requests: the conversation list (first page, and a page deep in it by cursor), one
 * conversation, the newest thread page, and a thread page deep in its history.
 *
 *   pnpm --filter @openmsg/server bench:inbox
 *   BENCH_MESSAGES=100000 BENCH_CONTACTS=20,1000 BENCH_DATABASES=sqlite pnpm --filter @openmsg/server bench:inbox
 */
import { type DatabaseKind, startTestNode, type TestNode } from '../test/peer-kit/nodes';
import { getJson, userViaCli } from './http-client';
import { percentile } from './stats';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? process.env.BENCH_INBOX_MESSAGES ?? 1_000_000);
const CONTACT_COUNTS = (process.env.BENCH_CONTACTS ?? '20,1000,10000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgresql').split(',') as DatabaseKind[];
const PAGE = 50;

/** Seeded rows have IDs made from their number, so that the bench can name them without reading them back. */
const conversationId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

/**
 * Contacts, their conversations and the messages, each table in one INSERT ... SELECT that the
 * database generates itself (a million rows take seconds, not the minutes of row batches sent
 * from here). Message i goes to contact i mod contacts, one second after message i-1; its ID
 * sorts in the same order, as a UUIDv7 would.
 */
function seedStatements(
  kind: DatabaseKind,
  accountId: string,
  contacts: number,
  messages: number,
  start: Date,
): string[] {
  const id = (prefix: string, n: string) =>
    kind === 'postgresql'
      ? `'${prefix}' || lpad(CAST(${n} AS TEXT), 12, '0')`
      : `'${prefix}' || substr('000000000000' || (${n}), -12, 12)`;
  const at = (seconds: string) =>
    kind === 'postgresql'
      ? `TIMESTAMP '${start.toISOString().replace('T', ' ').replace('Z', '')}' + ${seconds} * INTERVAL '1 second'`
      : `${start.getTime()} + ${seconds} * 1000`;
  const series = (count: number) => (kind === 'postgresql' ? `generate_series(0, ${count - 1}) AS s(i)` : `s`);
  const withSeries = (count: number) =>
    kind === 'postgresql'
      ? ''
      : `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${count - 1}) `;
  const contactsStatement = `INSERT INTO "Connection" ("id", "accountId", "otherAddress", "otherName", "otherAcceptsMessages", "blocked", "authCode", "identCode", "messageCryptKey", "createdAt", "updatedAt")
    ${withSeries(contacts)}SELECT ${id('00000000-0000-4000-8000-', 'i')}, '${accountId}', CAST(1000 + i AS TEXT) || '*peer.test', 'Contact ' || CAST(i AS TEXT), true, false,
      'auth', 'ident-' || CAST(i AS TEXT), 'key', ${at('-1')}, ${at('-1')}
    FROM ${series(contacts)}`;
  const conversationsStatement = `INSERT INTO "Conversation" ("id", "accountId", "connectionId", "createdAt")
    ${withSeries(contacts)}SELECT ${id('00000000-0000-4000-9000-', 'i')}, '${accountId}', ${id('00000000-0000-4000-8000-', 'i')}, ${at('-1')}
    FROM ${series(contacts)}`;
  const messagesStatement = `INSERT INTO "Message" ("id", "accountId", "connectionId", "otherAddress", "direction", "body", "state", "attempts", "createdAt", "readAt")
    ${withSeries(messages)}SELECT ${id('00000000-0000-7000-8000-', 'i')}, '${accountId}', ${id('00000000-0000-4000-8000-', `i % ${contacts}`)}, CAST(1000 + i % ${contacts} AS TEXT) || '*peer.test',
      CASE WHEN i % 2 = 0 THEN 'in' ELSE 'out' END, 'message number ' || CAST(i AS TEXT) || ' with some ordinary text in it',
      CASE WHEN i % 2 = 0 THEN 'received' ELSE 'delivered' END, CASE WHEN i % 2 = 0 THEN 0 ELSE 1 END, ${at('i')},
      CASE WHEN i % 2 = 0 AND i % 3 <> 0 THEN ${at('i')} ELSE NULL END
    FROM ${series(messages)}`;
  return [contactsStatement, conversationsStatement, messagesStatement];
}

async function bench(kind: DatabaseKind, contacts: number): Promise<void> {
  const node = await startTestNode(kind, 'inbox.test', { LOG_LEVEL: 'error' });
  try {
    const user = await userViaCli(node, '100', 'Inbox Owner');
    const account = await node.db.account.findUniqueOrThrow({ where: { addressId: '100' } });
    const seeded = performance.now();
    for (const statement of seedStatements(
      kind,
      account.id,
      contacts,
      MESSAGES,
      new Date(Date.now() - (MESSAGES + 10) * 1000),
    ))
      await node.db.$executeRawUnsafe(statement);
    await refreshSummaries(node);
    // What autovacuum / the planner would have done on a database in use for a while: fresh statistics
    // (and, on PostgreSQL, a visibility map, without which index-only counts visit the table).
    await node.db.$executeRawUnsafe(kind === 'postgresql' ? 'VACUUM ANALYZE' : 'ANALYZE');
    console.log(
      `${kind}: seeded ${contacts} contacts and ${MESSAGES} messages in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );
    await measure(node, kind, contacts, { authorization: `Bearer ${user.token}` });
  } finally {
    await node.dispose();
  }
}

/** The per-conversation summaries of the seeded rows, as the migration that added them fills them in (conversation_summary). */
async function refreshSummaries(node: TestNode): Promise<void> {
  await node.db.$executeRawUnsafe(`
    UPDATE "Conversation" SET
      "lastMessageId" = (SELECT m."id" FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1),
      "lastActivityAt" = COALESCE(
        (SELECT m."createdAt" FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1),
        "createdAt"),
      "unreadCount" = (SELECT COUNT(*) FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" AND m."direction" = 'in' AND m."readAt" IS NULL)`);
}

async function measure(
  node: TestNode,
  kind: DatabaseKind,
  contacts: number,
  headers: Record<string, string>,
): Promise<void> {
  const time = async (label: string, url: string) => {
    const latencies: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const before = performance.now();
      const { status } = await getJson(url, headers);
      latencies.push(performance.now() - before);
      if (status !== 200) throw new Error(`${label} answered ${status}`);
    }
    latencies.sort((x, y) => x - y);
    const figure = (p: number) => percentile(latencies, p).toFixed(1).padStart(7);
    console.log(
      `${kind.padEnd(11)} ${String(contacts).padStart(6)} contacts  ${label.padEnd(36)} p50 ${figure(50)} ms   p95 ${figure(95)} ms   p99 ${figure(99)} ms`,
    );
  };
  const list = `${node.baseUrl}/api/v1/conversations?limit=${PAGE}`;
  const first = await getJson(list, headers);
  if (first.status !== 200 || first.json.items.length !== Math.min(PAGE, contacts))
    throw new Error(`the conversation list answered ${first.status} with ${first.json?.items?.length} items`);
  // The newest message went to the last contact that message numbers reach.
  const newest = (MESSAGES - 1) % contacts;
  if (first.json.items[0].id !== conversationId(newest)) throw new Error('the conversation list is not newest first');
  await time(`conversation list, first page of ${PAGE}`, list);
  const listPages = Math.min(40, Math.ceil(contacts / PAGE) - 1);
  if (listPages > 0) {
    const cursor = await cursorAfter(list, listPages, headers);
    await time(`conversation list, page ${listPages + 1} by cursor`, `${list}&cursor=${cursor}`);
  }
  await time('one conversation', `${node.baseUrl}/api/v1/conversations/${conversationId(newest)}`);
  const thread = `${node.baseUrl}/api/v1/conversations/${conversationId(0)}/messages?limit=${PAGE}`;
  await time(`thread, newest page of ${PAGE}`, thread);
  const threadPages = Math.min(40, Math.ceil(MESSAGES / contacts / PAGE) - 1);
  if (threadPages > 0)
    await time(
      `thread, page ${threadPages + 1} by cursor`,
      `${thread}&cursor=${await cursorAfter(thread, threadPages, headers)}`,
    );
}

/** The cursor that `pages` pages of `url` end with. */
async function cursorAfter(url: string, pages: number, headers: Record<string, string>): Promise<string> {
  let cursor: string | null = null;
  for (let page = 0; page < pages; page++) {
    const answer: { json: { nextCursor: string | null } } = await getJson(
      `${url}${cursor ? `&cursor=${cursor}` : ''}`,
      headers,
    );
    cursor = answer.json.nextCursor;
    if (!cursor) throw new Error(`${url} ended after ${page + 1} pages`);
  }
  return cursor as string;
}

async function main(): Promise<void> {
  console.log(
    `inbox benchmark: ${MESSAGES} messages over ${CONTACT_COUNTS.join(' / ')} contacts, ${REQUESTS} sequential requests per figure`,
  );
  for (const kind of DATABASES) for (const contacts of CONTACT_COUNTS) await bench(kind, contacts);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
