/**
 * Delivery benchmark: two real nodes on loopback, one handshake, then N messages from A to B at
 * concurrency 1 and 16, on SQLite and PostgreSQL. End-to-end latency runs from the client's send
 * request to the moment A records the delivery (B has stored the message and answered SM_S888).
 * The ceiling is the same three HTTP hops between bare Node servers (no database, no crypto).
 *
 *   pnpm --filter @openmsg/server bench            (N=2000)
 *   BENCH_MESSAGES=500 BENCH_DATABASES=sqlite pnpm --filter @openmsg/server bench
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, startPair, type DatabaseKind, type TestNode } from '../test/peer-kit/nodes';
import { postJson, userViaCli } from './http-client';
import { cpuMs, figures, peakRssMiB, runPool, type RunFigures } from './stats';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,16').split(',').map(Number);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgresql').split(',') as DatabaseKind[];

interface Row extends RunFigures {
  setup: string;
  concurrency: number;
  rssA?: number;
  rssB?: number;
  /** CPU time per message of each node. */
  cpuA?: number;
  cpuB?: number;
}

async function benchNodes(kind: DatabaseKind): Promise<Row[]> {
  const env = {
    LOG_LEVEL: 'error',
    OPENMSG_DELIVERY_POLL_MS: '1000',
    OPENMSG_DB_POOL_SIZE: '16',
    ...(process.env.BENCH_DELIVERY_CONCURRENCY ? { OPENMSG_DELIVERY_CONCURRENCY: process.env.BENCH_DELIVERY_CONCURRENCY } : {}),
  };
  const { a, b } = await startPair(kind, { a: env, b: env });
  const rows: Row[] = [];
  try {
    const alice = await userViaCli(a, '100', 'Alice');
    const bob = await userViaCli(b, '200', 'Bob');
    const connected = await alice.connect(bob.address, await bob.createPassCode());
    if (connected.status !== 201) throw new Error(`handshake failed: ${JSON.stringify(connected.body)}`);
    for (const concurrency of CONCURRENCIES) {
      const started = new Map<string, number>();
      const cpu0 = [cpuMs(a.pid), cpuMs(b.pid)];
      const t0 = Date.now();
      await runPool(MESSAGES, concurrency, async (i) => {
        const before = Date.now();
        const sent = await postJson(
          `${a.baseUrl}/api/v1/messages`,
          { to: bob.address, text: `benchmark message ${i} at concurrency ${concurrency}` },
          { authorization: `Bearer ${alice.token}` },
        );
        if (sent.status !== 201) throw new Error(`send failed: ${JSON.stringify(sent.json)}`);
        started.set(sent.json.id, before);
      });
      const ids = [...started.keys()];
      const rowsDone = await waitForDelivery(a, ids);
      const end = Math.max(...rowsDone.map((row) => row.deliveredAt));
      const latencies = rowsDone.map((row) => row.deliveredAt - (started.get(row.id) as number));
      const [cpuA, cpuB] = [(cpuMs(a.pid) - (cpu0[0] as number)) / ids.length, (cpuMs(b.pid) - (cpu0[1] as number)) / ids.length];
      rows.push({ setup: `nodes, ${kind}`, concurrency, ...figures(latencies, end - t0), rssA: peakRssMiB(a.pid), rssB: peakRssMiB(b.pid), cpuA, cpuB });
      await a.db.message.deleteMany();
      await b.db.message.deleteMany();
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await Promise.all([a.dispose(), b.dispose()]);
  }
  return rows;
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
    spawn(process.execPath, ['--import', 'tsx', script, String(portA), `http://127.0.0.1:${portB}`], { stdio: ['ignore', 'pipe', 'inherit'] }),
    spawn(process.execPath, ['--import', 'tsx', script, String(portB), `http://127.0.0.1:${portA}`], { stdio: ['ignore', 'pipe', 'inherit'] }),
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
  console.log('setup                      conc   msgs/s   p50 ms   p95 ms   p99 ms   peak RSS A / B (MiB)   CPU ms/msg A / B');
  for (const row of rows) {
    console.log(
      `${row.setup.padEnd(26)} ${String(row.concurrency).padStart(4)} ${fmt(row.messagesPerSecond).padStart(8)} ${fmt(row.p50).padStart(8)} ${fmt(row.p95).padStart(8)} ${fmt(row.p99).padStart(8)}   ${`${fmt(row.rssA)} / ${fmt(row.rssB)}`.padEnd(22)} ${row.cpuA === undefined ? '' : `${fmt(row.cpuA, 2)} / ${fmt(row.cpuB, 2)}`}`,
    );
  }
  const ceiling = rows.filter((row) => row.setup.startsWith('ceiling'));
  for (const row of rows.filter((r) => r.setup.startsWith('nodes'))) {
    const reference = ceiling.find((c) => c.concurrency === row.concurrency);
    if (reference) console.log(`${row.setup} at concurrency ${row.concurrency}: ${((row.messagesPerSecond / reference.messagesPerSecond) * 100).toFixed(0)} % of the ceiling`);
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  rows.push(...(await benchCeiling()));
  for (const kind of DATABASES) rows.push(...(await benchNodes(kind)));
  print(rows);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
