/**
 * Delivery benchmark: two real nodes on loopback, one handshake, then N messages from A to B at
 * concurrency 1 and 16, on SQLite and PostgreSQL. End-to-end latency runs from the client's send
 * request to the moment A records the delivery (B has stored the message and answered SM_S888).
 * The ceiling is the same three HTTP hops between bare Node servers (no database, no crypto).
 * With PostgreSQL, a third setup runs BENCH_REPLICAS (2) replicas per side on one database each
 * (4 processes), each side behind a round-robin proxy. Every run ends with an exactly-once check.
 * The messages go over BENCH_CONVERSATIONS (16) conversations, one pair of users each, in turn: a
 * node's many users, not one conversation taking every message (with 1, every message updates the
 * same conversation row on each side, a row lock that the replicas' commits take in turn; see
 * docs/operating.md "Capacity").
 *
 *   pnpm --filter @openmsg/server bench            (N=2000)
 *   BENCH_MESSAGES=500 BENCH_DATABASES=sqlite pnpm --filter @openmsg/server bench
 *   BENCH_POLL_MS=200 ...   the nodes' delivery sweep interval (default 1000), to see what waits for it
 *   BENCH_REST_SECONDS=0 ... skip reading the nodes' memory 30 s after start and after 30 s at rest
 * CPU: each node process, and (PostgreSQL on this machine) the database backends serving both sides.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, startPair, type DatabaseKind, type TestNode } from '../test/peer-kit/nodes';
import { disposeReplicas, startReplicas } from '../test/peer-kit/replicas';
import { RoundRobinProxy } from '../test/peer-kit/round-robin-proxy';
import { postJson, userViaCli } from './http-client';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  cpuMs,
  cpuUsedBetween,
  databaseBackendCpu,
  figures,
  peakRssMiB,
  rssMiB,
  runPool,
  type RunFigures,
} from './stats';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,16').split(',').map(Number);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgresql').split(',') as DatabaseKind[];
/**
 * After the runs of a single-node setup, how long the nodes rest before their memory is read: V8
 * gives back what the load made it take after some idle seconds. 0 leaves it out.
 */
const REST_SECONDS = Number(process.env.BENCH_REST_SECONDS ?? 30);
/** Replicas per side in the replica setup (on PostgreSQL, when it is benchmarked); 0 leaves it out. */
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 2);
/** Conversations the messages are spread over (a pair of users each, the i-th message on pair i mod N). */
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 16);

interface Row extends RunFigures {
  setup: string;
  concurrency: number;
  rssA?: number;
  rssB?: number;
  /** CPU time per message of each node. */
  cpuA?: number;
  cpuB?: number;
  /** CPU time per message of the PostgreSQL backends serving both sides (same machine only). */
  cpuDatabase?: number;
  /** PostgreSQL: transactions committed per message (both sides), WAL bytes and WAL fsyncs per message (the server's). */
  commits?: number;
  walBytes?: number;
  walSyncs?: number;
}

const NODE_ENV = {
  LOG_LEVEL: 'error',
  OPENMSG_DELIVERY_POLL_MS: process.env.BENCH_POLL_MS ?? '1000',
  OPENMSG_DB_POOL_SIZE: '16',
  ...(process.env.BENCH_DELIVERY_CONCURRENCY
    ? { OPENMSG_DELIVERY_CONCURRENCY: process.env.BENCH_DELIVERY_CONCURRENCY }
    : {}),
};

const restingMemory: string[] = [];
const storedPerMessage: string[] = [];

/** One side of the bench: its node's processes (one, or replicas on one database). */
interface Side {
  nodes: TestNode[];
}

async function benchNodes(kind: DatabaseKind): Promise<Row[]> {
  const { a, b } = await startPair(kind, { a: NODE_ENV, b: NODE_ENV });
  try {
    if (REST_SECONDS > 0) {
      await sleep(REST_SECONDS * 1000);
      restingMemory.push(
        `nodes, ${kind}: RSS fresh, ${REST_SECONDS} s after start, A ${rssMiB(a.pid).toFixed(0)} / B ${rssMiB(b.pid).toFixed(0)} MiB (peak so far ${peakRssMiB(a.pid).toFixed(0)} / ${peakRssMiB(b.pid).toFixed(0)})`,
      );
    }
    const rows = await benchSides(`nodes, ${kind}`, { nodes: [a] }, { nodes: [b] });
    if (REST_SECONDS > 0) {
      await sleep(REST_SECONDS * 1000);
      restingMemory.push(
        `nodes, ${kind}: RSS after the runs and ${REST_SECONDS} s at rest, A ${rssMiB(a.pid).toFixed(0)} / B ${rssMiB(b.pid).toFixed(0)} MiB`,
      );
    }
    return rows;
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await Promise.all([a.dispose(), b.dispose()]);
  }
}

/**
 * Each side as REPLICAS processes on one database, behind a round-robin proxy that is the side's
 * address for the other side's peer calls; the client spreads its sends over the sending replicas.
 */
async function benchReplicas(kind: DatabaseKind): Promise<Row[]> {
  const [proxyA, proxyB] = await Promise.all([new RoundRobinProxy().start(), new RoundRobinProxy().start()]);
  const env = { ...NODE_ENV, OPENMSG_PEER_OVERRIDES: `a.test=${proxyA.baseUrl},b.test=${proxyB.baseUrl}` };
  const a = await startReplicas(kind, 'a.test', REPLICAS, env);
  const b = await startReplicas(kind, 'b.test', REPLICAS, env);
  proxyA.targets = a.map((replica) => replica.baseUrl);
  proxyB.targets = b.map((replica) => replica.baseUrl);
  try {
    const rows = await benchSides(`${REPLICAS} replicas, ${kind}`, { nodes: a }, { nodes: b });
    const spread = (proxy: RoundRobinProxy) => [...proxy.forwarded.values()].join(' / ');
    console.log(
      `${REPLICAS} replicas, ${kind}: peer calls per replica, a.test ${spread(proxyA)}, b.test ${spread(proxyB)}`,
    );
    return rows;
  } finally {
    await Promise.all([...a, ...b].map((replica) => replica.stop()));
    await Promise.all([disposeReplicas(a), disposeReplicas(b), proxyA.stop(), proxyB.stop()]);
  }
}

/** The runs at each concurrency from side A to side B, each checked for exactly-once delivery. */
async function benchSides(setup: string, sideA: Side, sideB: Side): Promise<Row[]> {
  const [a, b] = [sideA.nodes[0] as TestNode, sideB.nodes[0] as TestNode];
  const rows: Row[] = [];
  const pairs = await connectedPairs(a, b);
  const cpu = (side: Side) => sum(side.nodes.map((node) => cpuMs(node.pid)));
  const rss = (side: Side) => sum(side.nodes.map((node) => peakRssMiB(node.pid)));
  const postgres = a.testDatabase.kind === 'postgresql';
  const databaseCpu = async () =>
    postgres
      ? await Promise.all([a, b].map((node) => databaseBackendCpu((text) => node.db.$queryRawUnsafe(text))))
      : [];
  const writes = async () => (postgres ? await databaseWrites(a, b) : null);
  for (const concurrency of CONCURRENCIES) {
    const started = new Map<string, number>();
    const texts: string[] = [];
    const database0 = await databaseCpu();
    const writes0 = await writes();
    const cpu0 = [cpu(sideA), cpu(sideB)];
    const t0 = Date.now();
    await runPool(MESSAGES, concurrency, async (i) => {
      const before = Date.now();
      const text = `benchmark message ${i} at concurrency ${concurrency}`;
      const sender = sideA.nodes[i % sideA.nodes.length] as TestNode;
      const { from, to } = pairs[i % pairs.length] as (typeof pairs)[number];
      const sent = await postJson(
        `${sender.baseUrl}/api/v1/messages`,
        { to: to.address, text },
        { authorization: `Bearer ${from.token}` },
      );
      if (sent.status !== 201) throw new Error(`send failed: ${JSON.stringify(sent.json)}`);
      started.set(sent.json.id, before);
      texts.push(text);
    });
    const ids = [...started.keys()];
    const rowsDone = await waitForDelivery(a, ids);
    const end = Math.max(...rowsDone.map((row) => row.deliveredAt));
    const latencies = rowsDone.map((row) => row.deliveredAt - (started.get(row.id) as number));
    const [cpuA, cpuB] = [
      (cpu(sideA) - (cpu0[0] as number)) / ids.length,
      (cpu(sideB) - (cpu0[1] as number)) / ids.length,
    ];
    const database1 = await databaseCpu();
    const cpuDatabase =
      database1.length > 0
        ? sum(database1.map((after, i) => cpuUsedBetween(database0[i] as Map<number, number>, after))) / ids.length
        : undefined;
    const writes1 = await writes();
    const perMessage = (key: keyof DatabaseWrites) =>
      writes0 && writes1 ? (writes1[key] - writes0[key]) / ids.length : undefined;
    rows.push({
      setup,
      concurrency,
      ...figures(latencies, end - t0),
      rssA: rss(sideA),
      rssB: rss(sideB),
      cpuA,
      cpuB,
      cpuDatabase,
      commits: perMessage('commits'),
      walBytes: perMessage('walBytes'),
      walSyncs: perMessage('walSyncs'),
    });
    await checkExactlyOnce(setup, a, b, ids, texts);
    if (postgres) storedPerMessage.push(await storedBytesPerMessage(setup, concurrency, a, b, ids.length));
    await a.db.message.deleteMany();
    await b.db.message.deleteMany();
  }
  return rows;
}

/**
 * CONVERSATIONS users on each side (A's 100..., B's 200...), the k-th of A connected to the k-th of
 * B by a handshake. Users are made by the admin CLI, a process each: a few at a time.
 */
async function connectedPairs(a: TestNode, b: TestNode) {
  const pairs: Array<{ from: Awaited<ReturnType<typeof userViaCli>>; to: Awaited<ReturnType<typeof userViaCli>> }> = [];
  await runPool(CONVERSATIONS, 4, async (k) => {
    const [from, to] = await Promise.all([
      userViaCli(a, String(100 + k), `Alice ${k}`),
      userViaCli(b, String(200 + k), `Bob ${k}`),
    ]);
    const connected = await from.connect(to.address, await to.createPassCode());
    if (connected.status !== 201) throw new Error(`handshake failed: ${JSON.stringify(connected.body)}`);
    pairs[k] = { from, to };
  });
  return pairs;
}

/**
 * What a run left on disk per message (PostgreSQL; the tables a message writes to, with their indexes and
 * TOAST): the sender keeps its message (its outbox rows are gone once delivered), the receiver its message and
 * the spent nonce. Each run starts from empty tables, but a table keeps the space of deleted rows for reuse.
 */
async function storedBytesPerMessage(setup: string, concurrency: number, a: TestNode, b: TestNode, count: number) {
  const bytes = async (node: TestNode) => {
    const [row] = await node.db.$queryRawUnsafe<Array<{ bytes: string }>>(
      `SELECT (pg_total_relation_size('"Message"') + pg_total_relation_size('"UsedNonce"') + pg_total_relation_size('"OutboxEntry"'))::text AS bytes`,
    );
    return Number(row?.bytes ?? 0);
  };
  const [sender, receiver] = await Promise.all([bytes(a), bytes(b)]);
  return `${setup} at concurrency ${concurrency}: on disk after ${count} messages, sender ${(sender / count).toFixed(0)} B/message, receiver ${(receiver / count).toFixed(0)} B/message (tables with indexes; upper bounds: tables keep the space of earlier runs' rows)`;
}

interface DatabaseWrites {
  commits: number;
  walBytes: number;
  walSyncs: number;
}

/**
 * Transactions committed in both sides' databases (pg_stat_database), and the WAL the server wrote and
 * flushed (pg_stat_wal: the whole server, so nothing else should run on it during the bench).
 */
async function databaseWrites(a: TestNode, b: TestNode): Promise<DatabaseWrites> {
  const commits = await Promise.all(
    [a, b].map(async (node) => {
      const [row] = await node.db.$queryRawUnsafe<Array<{ commits: bigint }>>(
        'SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()',
      );
      return Number(row?.commits ?? 0);
    }),
  );
  const [wal] = await a.db.$queryRawUnsafe<Array<{ bytes: string; syncs: bigint }>>(
    'SELECT wal_bytes::text AS bytes, wal_sync AS syncs FROM pg_stat_wal',
  );
  return { commits: sum(commits), walBytes: Number(wal?.bytes ?? 0), walSyncs: Number(wal?.syncs ?? 0) };
}

/**
 * After a run: on the sender every message sent is delivered (none failed, none left), and on the
 * receiver every one is stored exactly once: as many incoming rows as sent, each text once.
 */
async function checkExactlyOnce(
  setup: string,
  a: TestNode,
  b: TestNode,
  ids: string[],
  texts: string[],
): Promise<void> {
  const problems: string[] = [];
  const outgoing = await a.db.message.groupBy({ by: ['state'], where: { direction: 'out' }, _count: { _all: true } });
  // Each run starts with an empty message table: its delivered rows are this run's (no `id IN (2000 ids)`: SQLite caps the bound values).
  const deliveredIds = new Set(
    (await a.db.message.findMany({ where: { direction: 'out', state: 'delivered' }, select: { id: true } })).map(
      (row) => row.id,
    ),
  );
  const delivered = ids.filter((id) => deliveredIds.has(id)).length;
  const outCount = sum(outgoing.map((group) => group._count._all));
  if (delivered !== ids.length || outCount !== ids.length)
    problems.push(`sender: ${delivered} of ${ids.length} delivered, states ${JSON.stringify(outgoing)}`);
  const incoming = await b.db.message.findMany({ where: { direction: 'in' }, select: { body: true } });
  if (incoming.some((row) => row.body.startsWith('enc1:')))
    problems.push('receiver: texts are encrypted at rest, cannot compare them (run without OPENMSG_NODE_KEY)');
  const stored = new Map<string, number>();
  for (const row of incoming) stored.set(row.body, (stored.get(row.body) ?? 0) + 1);
  const duplicates = [...stored].filter(([, count]) => count > 1).length;
  const missing = texts.filter((text) => !stored.has(text)).length;
  if (incoming.length !== texts.length || duplicates > 0 || missing > 0) {
    problems.push(
      `receiver: ${incoming.length} incoming rows for ${texts.length} sent, ${duplicates} texts stored more than once, ${missing} missing`,
    );
  }
  if (problems.length > 0) throw new Error(`EXACTLY-ONCE CHECK FAILED (${setup}):\n  ${problems.join('\n  ')}`);
  console.log(
    `${setup}: exactly once, ${ids.length} sent, ${ids.length} delivered, ${incoming.length} stored once each`,
  );
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

async function waitForDelivery(a: TestNode, ids: string[]) {
  const deadline = Date.now() + 10 * 60_000;
  // Each run starts with an empty message table, so "all outgoing rows" are this run's. Polling counts
  // only (reading every row each time would load the 2 cores the nodes are measured on).
  const finished = { direction: 'out', state: { in: ['delivered', 'failed'] } };
  while ((await a.db.message.count({ where: finished })) < ids.length) {
    if (Date.now() > deadline) throw new Error(`not all of ${ids.length} delivered in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const rows = await a.db.message.findMany({ where: finished, select: { id: true, state: true, deliveredAt: true } });
  const failed = rows.filter((row) => row.state === 'failed').length;
  if (failed > 0) throw new Error(`${failed} messages failed`);
  return rows.map((row) => ({ id: row.id, deliveredAt: (row.deliveredAt as Date).getTime() }));
}

async function benchCeiling(): Promise<Row[]> {
  const [portA, portB] = [await freePort(), await freePort()];
  const script = path.join(__dirname, 'bare-hop-server.ts');
  const servers = [
    spawn(process.execPath, ['--import', 'tsx', script, String(portA), `http://127.0.0.1:${portB}`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
    spawn(process.execPath, ['--import', 'tsx', script, String(portB), `http://127.0.0.1:${portA}`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ];
  await Promise.all(servers.map((server) => new Promise((resolve) => server.stdout?.once('data', resolve))));
  const rows: Row[] = [];
  try {
    for (const concurrency of CONCURRENCIES) {
      const latencies: number[] = [];
      const cpu0 = servers.map((server) => cpuMs(server.pid));
      const t0 = Date.now();
      await runPool(MESSAGES, concurrency, async (i) => {
        const before = Date.now();
        await postJson(`http://127.0.0.1:${portA}/send`, { i });
        latencies.push(Date.now() - before);
      });
      const elapsed = Date.now() - t0;
      const [cpuA, cpuB] = servers.map((server, i) => (cpuMs(server.pid) - (cpu0[i] as number)) / MESSAGES);
      rows.push({
        setup: 'ceiling: bare Node HTTP',
        concurrency,
        ...figures(latencies, elapsed),
        rssA: peakRssMiB(servers[0]?.pid),
        rssB: peakRssMiB(servers[1]?.pid),
        cpuA,
        cpuB,
      });
    }
  } finally {
    servers.forEach((server) => server.kill());
  }
  return rows;
}

function print(rows: Row[]): void {
  const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits));
  console.log(`\n${MESSAGES} messages per run, ${require('node:os').cpus().length} cores\n`);
  console.log(
    'setup                      conc   msgs/s   p50 ms   p95 ms   p99 ms   peak RSS A / B (MiB)   CPU ms/msg A / B   DB CPU ms/msg   commits/msg   WAL B/msg   fsyncs/msg   (replicas: summed over a side)',
  );
  for (const row of rows) {
    console.log(
      `${row.setup.padEnd(26)} ${String(row.concurrency).padStart(4)} ${fmt(row.messagesPerSecond).padStart(8)} ${fmt(row.p50).padStart(8)} ${fmt(row.p95).padStart(8)} ${fmt(row.p99).padStart(8)}   ${`${fmt(row.rssA)} / ${fmt(row.rssB)}`.padEnd(22)} ${(row.cpuA === undefined ? '' : `${fmt(row.cpuA, 2)} / ${fmt(row.cpuB, 2)}`).padEnd(18)} ${(row.cpuDatabase === undefined ? '' : fmt(row.cpuDatabase, 2)).padEnd(15)} ${fmt(row.commits, 2).padEnd(13)} ${fmt(row.walBytes).padEnd(11)} ${fmt(row.walSyncs, 2)}`,
    );
  }
  printReplicaRatios(rows);
  const ceiling = rows.filter((row) => row.setup.startsWith('ceiling'));
  for (const row of rows.filter((r) => !r.setup.startsWith('ceiling'))) {
    const reference = ceiling.find((c) => c.concurrency === row.concurrency);
    if (reference)
      console.log(
        `${row.setup} at concurrency ${row.concurrency}: ${((row.messagesPerSecond / reference.messagesPerSecond) * 100).toFixed(0)} % of the ceiling`,
      );
  }
  for (const line of restingMemory) console.log(line);
  for (const line of storedPerMessage) console.log(line);
}

/** The replica setup against the one-process pair of the same run, at each concurrency (the goals of issue 26). */
function printReplicaRatios(rows: Row[]): void {
  for (const replicas of rows.filter((row) => row.setup.includes('replicas'))) {
    const single = rows.find((row) => row.setup === 'nodes, postgresql' && row.concurrency === replicas.concurrency);
    if (!single) continue;
    const ratio = (x: number | undefined, y: number | undefined) =>
      x === undefined || y === undefined ? '-' : (x / y).toFixed(2);
    const nodeCpu = (row: Row) => (row.cpuA ?? NaN) + (row.cpuB ?? NaN);
    console.log(
      `${replicas.setup} / one process at concurrency ${replicas.concurrency}: throughput ${((replicas.messagesPerSecond / single.messagesPerSecond) * 100).toFixed(0)} %, node CPU per message ${ratio(nodeCpu(replicas), nodeCpu(single))}x (A ${ratio(replicas.cpuA, single.cpuA)}x, B ${ratio(replicas.cpuB, single.cpuB)}x), database CPU per message ${ratio(replicas.cpuDatabase, single.cpuDatabase)}x, commits per message ${ratio(replicas.commits, single.commits)}x`,
    );
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  rows.push(...(await benchCeiling()));
  for (const kind of DATABASES) rows.push(...(await benchNodes(kind)));
  if (REPLICAS > 0 && DATABASES.includes('postgresql')) rows.push(...(await benchReplicas('postgresql')));
  print(rows);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
