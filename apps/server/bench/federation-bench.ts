/**
 * Delivery benchmark: two real nodes on loopback, one handshake, then N messages from A to B at
 * concurrency 1 and 16, on SQLite and PostgreSQL. End-to-end latency runs from the client's send
 * request to the moment A records the delivery (B has stored the message and answered SM_S888).
 * The ceiling is the same three HTTP hops between bare Node servers (no database, no crypto).
 * With PostgreSQL, a third setup runs BENCH_REPLICAS (2) replicas per side on one database each
 * (4 processes), each side behind a round-robin proxy. Every run ends with an exactly-once check.
 *
 *   pnpm --filter @openmsg/server bench            (N=2000)
 *   BENCH_MESSAGES=500 BENCH_DATABASES=sqlite pnpm --filter @openmsg/server bench
 *   BENCH_POLL_MS=200 ...   the nodes' delivery sweep interval (default 1000), to see what waits for it
 *   BENCH_REST_SECONDS=0 ... skip reading the nodes' memory after 30 s at rest
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

/** One side of the bench: its node's processes (one, or replicas on one database). */
interface Side {
  nodes: TestNode[];
}

async function benchNodes(kind: DatabaseKind): Promise<Row[]> {
  const { a, b } = await startPair(kind, { a: NODE_ENV, b: NODE_ENV });
  try {
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
  const alice = await userViaCli(a, '100', 'Alice');
  const bob = await userViaCli(b, '200', 'Bob');
  const connected = await alice.connect(bob.address, await bob.createPassCode());
  if (connected.status !== 201) throw new Error(`handshake failed: ${JSON.stringify(connected.body)}`);
  const cpu = (side: Side) => sum(side.nodes.map((node) => cpuMs(node.pid)));
  const rss = (side: Side) => sum(side.nodes.map((node) => peakRssMiB(node.pid)));
  const databaseCpu = async () =>
    a.testDatabase.kind === 'postgresql'
      ? await Promise.all([a, b].map((node) => databaseBackendCpu((text) => node.db.$queryRawUnsafe(text))))
      : [];
  for (const concurrency of CONCURRENCIES) {
    const started = new Map<string, number>();
    const texts: string[] = [];
    const database0 = await databaseCpu();
    const cpu0 = [cpu(sideA), cpu(sideB)];
    const t0 = Date.now();
    await runPool(MESSAGES, concurrency, async (i) => {
      const before = Date.now();
      const text = `benchmark message ${i} at concurrency ${concurrency}`;
      const sender = sideA.nodes[i % sideA.nodes.length] as TestNode;
      const sent = await postJson(
        `${sender.baseUrl}/api/v1/messages`,
        { to: bob.address, text },
        { authorization: `Bearer ${alice.token}` },
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
    rows.push({
      setup,
      concurrency,
      ...figures(latencies, end - t0),
      rssA: rss(sideA),
      rssB: rss(sideB),
      cpuA,
      cpuB,
      cpuDatabase,
    });
    await checkExactlyOnce(setup, a, b, ids, texts);
    await a.db.message.deleteMany();
    await b.db.message.deleteMany();
  }
  return rows;
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
    'setup                      conc   msgs/s   p50 ms   p95 ms   p99 ms   peak RSS A / B (MiB)   CPU ms/msg A / B   DB CPU ms/msg   (replicas: summed over a side)',
  );
  for (const row of rows) {
    console.log(
      `${row.setup.padEnd(26)} ${String(row.concurrency).padStart(4)} ${fmt(row.messagesPerSecond).padStart(8)} ${fmt(row.p50).padStart(8)} ${fmt(row.p95).padStart(8)} ${fmt(row.p99).padStart(8)}   ${`${fmt(row.rssA)} / ${fmt(row.rssB)}`.padEnd(22)} ${(row.cpuA === undefined ? '' : `${fmt(row.cpuA, 2)} / ${fmt(row.cpuB, 2)}`).padEnd(18)} ${row.cpuDatabase === undefined ? '' : fmt(row.cpuDatabase, 2)}`,
    );
  }
  const ceiling = rows.filter((row) => row.setup.startsWith('ceiling'));
  for (const row of rows.filter((r) => !r.setup.startsWith('ceiling'))) {
    const reference = ceiling.find((c) => c.concurrency === row.concurrency);
    if (reference)
      console.log(
        `${row.setup} at concurrency ${row.concurrency}: ${((row.messagesPerSecond / reference.messagesPerSecond) * 100).toFixed(0)} % of the ceiling`,
      );
  }
  for (const line of restingMemory) console.log(line);
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
