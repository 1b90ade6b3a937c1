/**
 * Sign-in latency while a sign-up flood runs: one real node; first sign-ins alone, then the same
 * sign-ins while BENCH_FLOOD_LOOPS clients (default 16) sign up in a loop, each request from a
 * new source address (a botnet: the per-source sign-up cap does not stop it, only the hashing
 * queue does). Prints p50/p95/max of the sign-ins and what the sign-ups got.
 *
 *   pnpm --filter @openmsg/server bench:sign-in
 *   BENCH_FLOOD_LOOPS=16 BENCH_SIGN_INS=20 BENCH_DATABASES=sqlite pnpm --filter @openmsg/server bench:sign-in
 */
import { type DatabaseKind, startTestNode } from '../test/peer-kit/nodes';
import { postJson } from './http-client';
import { percentile } from './stats';

const LOOPS = Number(process.env.BENCH_FLOOD_LOOPS ?? 16);
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 20);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite').split(',') as DatabaseKind[];
const PASSWORD = 'correct horse battery';

async function signIns(url: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = performance.now();
    const { status } = await postJson(
      `${url}/api/v1/auth/login`,
      { address: '100', password: PASSWORD },
      { 'x-forwarded-for': '192.0.2.1' },
    );
    latencies.push(performance.now() - before);
    if (status !== 200) throw new Error(`sign-in answered ${status}`);
  }
  return latencies.sort((x, y) => x - y);
}

const describe = (sorted: number[]) =>
  `p50 ${percentile(sorted, 50).toFixed(0).padStart(6)} ms   p95 ${percentile(sorted, 95).toFixed(0).padStart(6)} ms   max ${(sorted[sorted.length - 1] ?? NaN).toFixed(0).padStart(6)} ms`;

async function bench(kind: DatabaseKind): Promise<void> {
  const node = await startTestNode(kind, 'flood.test', { LOG_LEVEL: 'error' });
  try {
    const owner = await postJson(
      `${node.baseUrl}/api/v1/auth/register`,
      { displayName: 'Bench Owner', password: PASSWORD, addressId: '100' },
      { 'x-forwarded-for': '192.0.2.1' },
    );
    if (owner.status !== 201) throw new Error(`sign-up answered ${owner.status}`);
    await signIns(node.baseUrl, 2);
    console.log(
      `${kind.padEnd(11)} sign-in alone                     ${describe(await signIns(node.baseUrl, SIGN_INS))}`,
    );

    let running = true;
    let source = 0;
    const outcomes: Record<number, number> = {};
    const flood = Array.from({ length: LOOPS }, async (_, loop) => {
      while (running) {
        source += 1;
        const address = `100.${64 + (source >> 16)}.${(source >> 8) & 255}.${source & 255}`;
        const { status } = await postJson(
          `${node.baseUrl}/api/v1/auth/register`,
          { displayName: `Flood ${loop} ${source}`, password: PASSWORD },
          { 'x-forwarded-for': address },
        );
        outcomes[status] = (outcomes[status] ?? 0) + 1;
        // A refused client tries again at once, as a flood would.
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const started = performance.now();
    const during = await signIns(node.baseUrl, SIGN_INS);
    const seconds = (performance.now() - started) / 1000;
    running = false;
    await Promise.all(flood);
    console.log(
      `${kind.padEnd(11)} sign-in during a ${String(LOOPS).padStart(2)}-loop sign-up flood ${describe(during)}`,
    );
    const answered = Object.entries(outcomes)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ');
    console.log(
      `${kind.padEnd(11)} sign-ups answered (${answered}); ${((outcomes[201] ?? 0) / (seconds + 2)).toFixed(1)} accounts/s created`,
    );
  } finally {
    await node.dispose();
  }
}

async function main(): Promise<void> {
  for (const kind of DATABASES) await bench(kind);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
