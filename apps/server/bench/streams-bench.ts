/**
 * Open event streams benchmark (issue 26): N signed-in inboxes on node B each hold an event stream
 * (GET /api/v1/events, as a browser tab does), and node A's one account sends one message to each.
 * Per setup it measures the time to open the N streams (each token's first use; then closed and
 * opened again), B's memory per open stream (at rest without and with them), the latency of
 * each message to its inbox (from B's stored createdAt, and from A's send request, to the event's
 * arrival at the client), B's CPU per message, and checks that every inbox got its message exactly
 * once. Setups: `one`, B as one process; `replicas`, B as 2 replicas on one PostgreSQL database
 * (A's peer calls through a round-robin proxy, the streams spread over the replicas), where a
 * second round is sent while replica 2 stops gracefully and starts again: its inboxes reconnect to
 * a live replica after the `retry:` delay and resync as the web inbox does, and the bench checks
 * that no message is lost or comes twice and that exactly N streams are open at the end.
 *
 *   pnpm --filter @openmsg/server bench:streams                            (10,000 streams)
 *   BENCH_STREAMS=1000 BENCH_SETUPS=one pnpm --filter @openmsg/server bench:streams
 *   BENCH_DATABASES=sqlite,postgresql ...   databases of the one-process setup (replicas: PostgreSQL)
 *   BENCH_SEND_CONCURRENCY=16 ...           concurrent send requests to A
 *   BENCH_OPEN_CONCURRENCY=32 ...           streams being opened at once
 *   BENCH_SETTLE_SECONDS=30 ...             rest while B's memory is read (0: one reading at once)
 *
 * File limits: each stream is a socket in this process and one in a node process, and every process
 * here inherits this shell's soft limit, so it must be above N plus about 1,000 (the nodes' database
 * pools, files, the send connections): `ulimit -n 20000` (this machine's hard limit) in the shell
 * that runs the bench allows 10,000 streams. The bench checks it at start. Loopback ports: the
 * client side of each stream takes an ephemeral port (net.ipv4.ip_local_port_range, 28,000 here).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, type DatabaseKind, freePort, startPair, TestNode } from '../test/peer-kit/nodes';
import { disposeReplicas, startReplicas } from '../test/peer-kit/replicas';
import { RoundRobinProxy } from '../test/peer-kit/round-robin-proxy';
import { postJson, userViaCli } from './http-client';
import { benchText, InboxStream, roundOf, type SeenMessage, sentAtOf } from './inbox-stream';
import { seedInboxes } from './seed-inboxes';
import { cpuMs, peakRssMiB, percentile, rssMiB, runPool } from './stats';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 10_000);
const DATABASES = (process.env.BENCH_DATABASES ?? 'postgresql').split(',') as DatabaseKind[];
const SETUPS = (process.env.BENCH_SETUPS ?? 'one,replicas').split(',');
const SEND_CONCURRENCY = Number(process.env.BENCH_SEND_CONCURRENCY ?? 16);
const OPEN_CONCURRENCY = Number(process.env.BENCH_OPEN_CONCURRENCY ?? 32);
/** Long enough for the node's idle memory trim to run once after the last work (see atRest). */
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 30);
/** The target: each message on its inbox's stream within 1 s (p95) of its storage on B. */
const TARGET_P95_MS = 1000;
const FIRST_ADDRESS_ID = 5_000_000;
const PREFLIGHT_ADDRESS_ID = 4_999_999;
const ARRIVAL_TIMEOUT_MS = 60_000;

const NODE_ENV = { LOG_LEVEL: 'error', OPENMSG_DELIVERY_POLL_MS: '1000', OPENMSG_DB_POOL_SIZE: '16' };

/** Node A (the sender, one process) and node B's processes (the receiver: one, or replicas). */
interface Setup {
  name: string;
  sender: TestNode;
  receivers: TestNode[];
  /** Where A reaches B when B is replicas; a restarted replica is out of it meanwhile, as a load balancer's health check does. */
  proxy: RoundRobinProxy | null;
  /** CPU time of receiver processes stopped by a restart, read just before their stop (their shutdown is not in it). */
  retiredCpuMs: number;
  stop(): Promise<void>;
}

interface Sender {
  node: TestNode;
  accountId: string;
  address: string;
  token: string;
}

/** B at rest (see atRest): its memory, and the CPU it used meanwhile (heartbeats, with streams open). */
interface Rest {
  rssMiB: number;
  heapMiB: number;
  cpuPercent: number;
}

interface RoundFigures {
  setup: string;
  round: number;
  viaEvent: number;
  viaResync: number;
  missing: number;
  /** B's stored createdAt to the event's arrival, sorted. */
  storedToEvent: number[];
  /** A's send request to the event's arrival, sorted. */
  sentToEvent: number[];
  sendSeconds: number;
  cpuMsPerMessage: number;
}

interface SetupFigures {
  setup: string;
  openSeconds: number;
  reopenSeconds: number;
  idle: Rest;
  withStreams: Rest;
  peakRssMiB: number;
  rounds: RoundFigures[];
  restart?: { seconds: number; reconnected: number; reconnectP95Ms: number; failedAttempts: string };
  openAtEnd?: { client: number; gauge: number };
}

const failures: string[] = [];

function check(setup: string, holds: boolean, problem: string): void {
  if (!holds) failures.push(`${setup}: ${problem}`);
}

async function startOneProcess(kind: DatabaseKind): Promise<Setup> {
  const { a, b } = await startPair(kind, { a: NODE_ENV, b: NODE_ENV });
  return {
    name: `one process, ${kind}`,
    sender: a,
    receivers: [b],
    proxy: null,
    retiredCpuMs: 0,
    stop: async () => {
      await Promise.all([a.stop(), b.stop()]);
      await Promise.all([a.dispose(), b.dispose()]);
    },
  };
}

/** B as 2 replicas on one PostgreSQL database, reached by A through a round-robin proxy (as federation-bench's replicas). */
async function startReplicated(): Promise<Setup> {
  const proxy = await new RoundRobinProxy().start();
  const senderPort = await freePort();
  const env = {
    ...NODE_ENV,
    OPENMSG_PEER_OVERRIDES: `a.test=http://127.0.0.1:${senderPort},b.test=${proxy.baseUrl}`,
  };
  const sender = await new TestNode('a.test', senderPort, await createTestDatabase('postgresql'), env).start();
  const receivers = await startReplicas('postgresql', 'b.test', 2, env);
  proxy.targets = receivers.map((replica) => replica.baseUrl);
  return {
    name: '2 replicas, postgresql',
    sender,
    receivers,
    proxy,
    retiredCpuMs: 0,
    stop: async () => {
      await Promise.all([sender, ...receivers].map((node) => node.stop()));
      await Promise.all([sender.dispose(), disposeReplicas(receivers), proxy.stop()]);
    },
  };
}

async function benchSetup(setup: Setup): Promise<SetupFigures> {
  const sender = await signedInSender(setup.sender);
  // The streams go to the replicas themselves, not through the proxy: it pools at most 64 sockets per target.
  const receiverUrls = () => setup.receivers.map((node) => node.baseUrl);
  await preflight(setup, sender, receiverUrls);

  const seedStart = Date.now();
  const addressIds = Array.from({ length: STREAMS }, (_, i) => FIRST_ADDRESS_ID + i);
  const accounts = await seedInboxes(sender, setup.receivers[0] as TestNode, addressIds);
  console.log(
    `${setup.name}: seeded ${STREAMS} signed-in inboxes in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  // Opened once and closed before the idle reading: B has then done the work of opening them, and
  // its idle memory trim runs in both rests (it waits for work), so the readings compare like with like.
  const firstOpening = accounts.map((account) => new InboxStream(account, receiverUrls));
  const openSeconds = await openAll(firstOpening);
  firstOpening.forEach((stream) => stream.close());
  const idle = await atRest(setup);
  const openAfterClose = sum(
    await Promise.all(setup.receivers.map((node) => metric(node, 'openmsg_event_streams_open'))),
  );
  check(setup.name, openAfterClose === 0, `${openAfterClose} streams still counted open after the clients closed them`);
  const streams = accounts.map((account) => new InboxStream(account, receiverUrls));
  const reopenSeconds = await openAll(streams);
  console.log(
    `${setup.name}: ${STREAMS} streams open in ${openSeconds.toFixed(1)} s (each token's first use), again in ${reopenSeconds.toFixed(1)} s`,
  );
  const withStreams = await atRest(setup);

  try {
    const figures: SetupFigures = {
      setup: setup.name,
      openSeconds,
      reopenSeconds,
      idle,
      withStreams,
      peakRssMiB: 0,
      rounds: [],
    };
    figures.rounds.push(await sendRound(setup, sender, streams, 1));
    if (setup.receivers.length > 1) {
      let restart: Promise<number> | null = null;
      const restartAt = Math.floor(STREAMS / 3);
      figures.rounds.push(
        await sendRound(setup, sender, streams, 2, (i) => {
          if (i === restartAt) restart = restartReplica(setup, 1);
        }),
      );
      const restartSeconds = await (restart ?? Promise.resolve(NaN));
      const reconnectMs = streams.flatMap((stream) => stream.reconnectMs).sort((x, y) => x - y);
      figures.restart = {
        seconds: restartSeconds,
        reconnected: reconnectMs.length,
        reconnectP95Ms: percentile(reconnectMs, 95),
        failedAttempts: failedAttemptsOf(streams),
      };
      check(setup.name, reconnectMs.length > 0, 'no stream reconnected: did replica 2 end its streams?');
    }
    figures.peakRssMiB = sum(setup.receivers.map((node) => peakRssMiB(node.pid)));
    figures.openAtEnd = await checkOpenAtEnd(setup, streams);
    await checkAgainstDatabase(setup, streams, figures.rounds.length);
    return figures;
  } finally {
    streams.forEach((stream) => stream.close());
  }
}

/** Opens the streams, OPEN_CONCURRENCY at a time; the seconds it took. */
async function openAll(streams: InboxStream[]): Promise<number> {
  const start = Date.now();
  await runPool(streams.length, OPEN_CONCURRENCY, (i) => (streams[i] as InboxStream).open());
  return (Date.now() - start) / 1000;
}

/** A's one account, made by the admin CLI, with its token for the send requests. */
async function signedInSender(node: TestNode): Promise<Sender> {
  const client = await userViaCli(node, '100', 'Sender');
  const row = await node.db.account.findUniqueOrThrow({ where: { addressId: '100' } });
  return { node, accountId: row.id, address: client.address, token: client.token };
}

/** One seeded inbox, before the N: its token opens a stream, and a message sent by A through the API comes on it. */
async function preflight(setup: Setup, sender: Sender, receiverUrls: () => string[]): Promise<void> {
  const [account] = await seedInboxes(sender, setup.receivers[0] as TestNode, [PREFLIGHT_ADDRESS_ID]);
  const stream = new InboxStream(account as NonNullable<typeof account>, receiverUrls);
  try {
    await stream.open();
    const sent = await send(sender, stream, 0);
    if (sent.status !== 201)
      throw new Error(`preflight: A's send answered ${sent.status}: ${JSON.stringify(sent.json)}`);
    const deadline = Date.now() + 15_000;
    while (!stream.hasRound(0)) {
      if (Date.now() > deadline) throw new Error(`preflight (${setup.name}): the message did not come on the stream`);
      await sleep(50);
    }
  } finally {
    stream.close();
  }
}

function send(sender: Sender, stream: InboxStream, round: number) {
  return postJson(
    `${sender.node.baseUrl}/api/v1/messages`,
    { to: stream.account.address, text: benchText(round, stream.account.index, Date.now()) },
    { authorization: `Bearer ${sender.token}` },
  );
}

/**
 * One message to each inbox, then the wait until each has it (as an event, or from a resync).
 * `beforeSend` sees each send's index before it goes (the replica restart starts from it).
 */
async function sendRound(
  setup: Setup,
  sender: Sender,
  streams: InboxStream[],
  round: number,
  beforeSend?: (index: number) => void,
): Promise<RoundFigures> {
  const cpu0 = cpuOf(setup);
  const start = Date.now();
  await runPool(streams.length, SEND_CONCURRENCY, async (i) => {
    beforeSend?.(i);
    const sent = await send(sender, streams[i] as InboxStream, round);
    if (sent.status !== 201) throw new Error(`round ${round}: A's send answered ${sent.status}`);
  });
  const sendSeconds = (Date.now() - start) / 1000;
  const missing = await waitForRound(streams, round);
  const cpuMsPerMessage = (cpuOf(setup) - cpu0) / streams.length;
  const received = streams.flatMap((stream) => [...stream.seen.values()].filter((m) => roundOf(m.text) === round));
  const viaEvent = received.filter((message) => message.via === 'event');
  checkRound(setup.name, streams, round, missing);
  return {
    setup: setup.name,
    round,
    viaEvent: viaEvent.length,
    viaResync: received.length - viaEvent.length,
    missing,
    storedToEvent: sorted(viaEvent.map((m) => m.arrivedAt - m.createdAt)),
    sentToEvent: sorted(viaEvent.map((m: SeenMessage) => m.arrivedAt - sentAtOf(m.text))),
    sendSeconds,
    cpuMsPerMessage,
  };
}

/** Waits until every inbox has the round's message; the number still without it when the wait ends. */
async function waitForRound(streams: InboxStream[], round: number): Promise<number> {
  const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
  for (;;) {
    const missing = streams.filter((stream) => !stream.hasRound(round)).length;
    if (missing === 0 || Date.now() > deadline) return missing;
    await sleep(200);
  }
}

/** Each inbox has one message of the round (no second one stored), and no message came twice as an event. */
function checkRound(setup: string, streams: InboxStream[], round: number, missing: number): void {
  check(setup, missing === 0, `round ${round}: ${missing} of ${streams.length} inboxes never got their message`);
  const twiceStored = streams.filter(
    (stream) => [...stream.seen.values()].filter((message) => roundOf(message.text) === round).length > 1,
  ).length;
  check(setup, twiceStored === 0, `round ${round}: ${twiceStored} inboxes got two different messages for one send`);
  const duplicated = streams.filter((stream) => [...stream.eventsById.values()].some((count) => count > 1)).length;
  check(setup, duplicated === 0, `after round ${round}: ${duplicated} inboxes got a message event twice`);
}

/** Stops replica `index` gracefully (out of the proxy meanwhile) and starts it again on its port and database; the seconds it took. */
async function restartReplica(setup: Setup, index: number): Promise<number> {
  const replica = setup.receivers[index] as TestNode;
  const proxy = setup.proxy as RoundRobinProxy;
  const start = Date.now();
  proxy.targets = setup.receivers.filter((node) => node !== replica).map((node) => node.baseUrl);
  setup.retiredCpuMs += cpuMs(replica.pid);
  await replica.stop();
  const stopped = Date.now();
  await replica.start();
  proxy.targets = setup.receivers.map((node) => node.baseUrl);
  const seconds = (Date.now() - start) / 1000;
  console.log(
    `${setup.name}: replica ${index + 1} stopped in ${((stopped - start) / 1000).toFixed(1)} s and started again in ${((Date.now() - stopped) / 1000).toFixed(1)} s`,
  );
  return seconds;
}

/** Exactly N streams open at the end, as the clients count them and as the replicas' gauges do. */
async function checkOpenAtEnd(setup: Setup, streams: InboxStream[]): Promise<{ client: number; gauge: number }> {
  // A stream that just reconnected may not be counted by the gauge yet; give it a moment.
  await sleep(1000);
  const client = streams.filter((stream) => stream.isOpen).length;
  const gauges = await Promise.all(setup.receivers.map((node) => metric(node, 'openmsg_event_streams_open')));
  const gauge = sum(gauges);
  check(setup.name, client === STREAMS, `${client} streams open on the clients at the end, not ${STREAMS}`);
  check(setup.name, gauge === STREAMS, `${gauge} streams open by the gauges (${gauges.join(' + ')}), not ${STREAMS}`);
  return { client, gauge };
}

/** Every inbox has as many incoming messages stored on B as rounds, and has seen exactly those (events ∪ resync). */
async function checkAgainstDatabase(setup: Setup, streams: InboxStream[], rounds: number): Promise<void> {
  const stored = new Map<string, Set<string>>();
  const rows = await (setup.receivers[0] as TestNode).db.message.findMany({
    where: { direction: 'in' },
    select: { id: true, accountId: true },
  });
  for (const row of rows) {
    const ids = stored.get(row.accountId) ?? new Set<string>();
    ids.add(row.id);
    stored.set(row.accountId, ids);
  }
  let wrongCount = 0;
  let unseen = 0;
  let unknown = 0;
  for (const stream of streams) {
    const ids = stored.get(stream.account.accountId) ?? new Set<string>();
    if (ids.size !== rounds) wrongCount++;
    if ([...ids].some((id) => !stream.seen.has(id))) unseen++;
    if ([...stream.seen.keys()].some((id) => !ids.has(id))) unknown++;
  }
  check(setup.name, wrongCount === 0, `${wrongCount} inboxes do not have exactly ${rounds} messages stored on B`);
  check(setup.name, unseen === 0, `${unseen} inboxes never saw a message stored for them (lost)`);
  check(setup.name, unknown === 0, `${unknown} inboxes saw a message B has not stored for them`);
}

function cpuOf(setup: Setup): number {
  return setup.retiredCpuMs + sum(setup.receivers.map((node) => cpuMs(node.pid)));
}

/**
 * B at rest: its lowest RSS over the settle time (read every 2 s from /proc, which costs B nothing),
 * its JS heap at the end, and its CPU meanwhile. The node gives memory back only after a whole 10 s
 * check interval below 2 % busy (runtime/idle-memory-trim.ts), so a single RSS reading may or may
 * not come after that; scraping /metrics meanwhile would keep it busier, so the heap is read once.
 */
async function atRest(setup: Setup): Promise<Rest> {
  const [cpu0, start] = [cpuOf(setup), Date.now()];
  const rss = () => sum(setup.receivers.map((node) => rssMiB(node.pid)));
  const readings = [rss()];
  for (let waited = 0; waited < SETTLE_SECONDS; waited += 2) {
    await sleep(2000);
    readings.push(rss());
  }
  const cpuPercent = ((cpuOf(setup) - cpu0) / Math.max(1, Date.now() - start)) * 100;
  const heaps = await Promise.all(
    setup.receivers.map((node) => metric(node, 'openmsg_process_nodejs_heap_size_used_bytes')),
  );
  return { rssMiB: Math.min(...readings), heapMiB: sum(heaps) / 1024 / 1024, cpuPercent };
}

/** The reasons of the streams' failed reconnection attempts, counted: `ECONNREFUSED 12, 503 3`. */
function failedAttemptsOf(streams: InboxStream[]): string {
  const counts = new Map<string, number>();
  for (const stream of streams)
    for (const [reason, count] of stream.failedAttempts) counts.set(reason, (counts.get(reason) ?? 0) + count);
  return [...counts].map(([reason, count]) => `${reason} ${count}`).join(', ') || 'none';
}

/** One unlabelled value of the node's /metrics (no token is configured in the bench). */
async function metric(node: TestNode, name: string): Promise<number> {
  const text = await new Promise<string>((resolve, reject) => {
    const outgoing = request(`${node.baseUrl}/metrics`, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!match) throw new Error(`${node.baseUrl}/metrics has no ${name}`);
  return Number(match[1]);
}

/** The shell's soft limit on open files, which the nodes started from here inherit. */
function checkFileLimit(): void {
  const limit = execFileSync('sh', ['-c', 'ulimit -n']).toString().trim();
  const needed = STREAMS + 1000;
  if (limit !== 'unlimited' && Number(limit) < needed)
    throw new Error(
      `ulimit -n is ${limit}: ${STREAMS} streams need more than ${needed} open files per process. Run \`ulimit -n 20000\` (at most the hard limit, \`ulimit -Hn\`) in this shell first.`,
    );
  const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  if ((high as number) - (low as number) < needed)
    throw new Error(`net.ipv4.ip_local_port_range (${low}-${high}) has fewer loopback ports than ${needed}`);
}

function print(results: SetupFigures[]): void {
  const fmt = (n: number, digits = 0) => (Number.isNaN(n) ? '-' : n.toFixed(digits));
  const kib = (before: number, after: number) => ((after - before) * 1024) / STREAMS;
  console.log(
    `\n${STREAMS} streams, ${require('node:os').cpus().length} cores, sends at concurrency ${SEND_CONCURRENCY}\n`,
  );
  console.log(
    'setup                    round  events  resync  stored→event p50 / p95 / p99 / max ms   send→event p95 ms   send s   B CPU ms/msg',
  );
  for (const round of results.flatMap((result) => result.rounds)) {
    const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(round.storedToEvent, p));
    const latencies = [p50, p95, p99, round.storedToEvent.at(-1) ?? NaN].map((n) => fmt(n as number)).join(' / ');
    console.log(
      `${round.setup.padEnd(24)} ${String(round.round).padStart(5)} ${String(round.viaEvent).padStart(7)} ${String(round.viaResync).padStart(7)}   ${latencies.padEnd(39)} ${fmt(percentile(round.sentToEvent, 95)).padStart(17)} ${fmt(round.sendSeconds, 1).padStart(8)} ${fmt(round.cpuMsPerMessage, 2).padStart(14)}`,
    );
  }
  if (results.some((result) => result.restart))
    console.log("(round 2 of the replicas: B's CPU includes the restarted replica's start)");
  console.log('\nFor the closing note:');
  for (const result of results) {
    const first = result.rounds[0] as RoundFigures;
    const p95 = percentile(first.storedToEvent, 95);
    console.log(
      `- ${result.setup}, ${STREAMS} streams: opened in ${fmt(result.openSeconds, 1)} s (again in ${fmt(result.reopenSeconds, 1)} s); B ${fmt(result.idle.rssMiB)} MiB RSS without streams, ${fmt(result.withStreams.rssMiB)} MiB with the streams open (${fmt(kib(result.idle.rssMiB, result.withStreams.rssMiB), 1)} KiB RSS, ${fmt(kib(result.idle.heapMiB, result.withStreams.heapMiB), 1)} KiB JS heap per stream; CPU at rest ${fmt(result.idle.cpuPercent, 1)} % without, ${fmt(result.withStreams.cpuPercent, 1)} % with them), peak ${fmt(result.peakRssMiB)} MiB${result.restart ? " (replica 2's since its restart)" : ''}; one message to each inbox: p95 ${fmt(p95)} ms from B's storage to the stream (${p95 <= TARGET_P95_MS ? 'within' : 'OVER'} the 1 s target), p95 ${fmt(percentile(first.sentToEvent, 95))} ms from A's send request, ${fmt(first.cpuMsPerMessage, 2)} ms of B's CPU per message.`,
    );
    const checks = failures.some((failure) => failure.startsWith(`${result.setup}:`))
      ? 'CHECKS FAILED (below)'
      : `every inbox has ${result.rounds.length === 1 ? 'its message' : 'both messages'} exactly once`;
    if (result.restart)
      console.log(
        `- ${result.setup}: replica 2 restarted (${fmt(result.restart.seconds, 1)} s) during round 2: ${result.restart.reconnected} streams reconnected (p95 ${fmt(result.restart.reconnectP95Ms)} ms, with the 3 s retry delay; failed attempts: ${result.restart.failedAttempts}), ${(result.rounds[1] as RoundFigures).viaResync} messages came by resync; ${checks}, ${result.openAtEnd?.client} streams open at the end (gauges: ${result.openAtEnd?.gauge}).`,
      );
    else
      console.log(
        `- ${result.setup}: ${checks}, ${result.openAtEnd?.client} streams open at the end (gauge: ${result.openAtEnd?.gauge}).`,
      );
  }
}

async function main(): Promise<void> {
  checkFileLimit();
  const starts: Array<() => Promise<Setup>> = [];
  if (SETUPS.includes('one')) for (const kind of DATABASES) starts.push(() => startOneProcess(kind));
  if (SETUPS.includes('replicas')) starts.push(startReplicated);
  const results: SetupFigures[] = [];
  for (const start of starts) {
    const setup = await start();
    try {
      results.push(await benchSetup(setup));
    } finally {
      await setup.stop();
    }
  }
  print(results);
  if (failures.length > 0) {
    console.error(`\nCHECKS FAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nAll checks passed: every inbox got each message exactly once, no stream lost.');
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function sorted(values: number[]): number[] {
  return [...values].sort((x, y) => x - y);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
