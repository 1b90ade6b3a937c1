export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export interface RunFigures {
  messagesPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export function figures(latenciesMs: number[], elapsedMs: number): RunFigures {
  const sorted = [...latenciesMs].sort((x, y) => x - y);
  return {
    messagesPerSecond: (latenciesMs.length / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/** Peak resident set size of a process, from /proc (Linux). */
export function peakRssMiB(pid: number | undefined): number {
  return statusMiB(pid, 'VmHWM');
}

/** Resident set size of a process now, from /proc (Linux). */
export function rssMiB(pid: number | undefined): number {
  return statusMiB(pid, 'VmRSS');
}

function statusMiB(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number {
  if (!pid) return NaN;
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8') as string;
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * CPU time a process has used so far (user + system), in ms, from /proc (Linux; clock ticks of
 * 10 ms). Per message, it shows what a change saves even when other work on the machine makes
 * the throughput figures noisy.
 */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8') as string;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * The CPU time PostgreSQL's backends for the given databases have used so far, per backend pid
 * (from pg_stat_activity and /proc: only when the server runs on this machine; empty otherwise).
 */
export async function databaseBackendCpu(
  read: (sql: string) => Promise<Array<{ pid: number }>>,
): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  for (const { pid } of await read('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')) {
    const used = cpuMs(Number(pid));
    if (!Number.isNaN(used)) cpu.set(Number(pid), used);
  }
  return cpu;
}

/** CPU used between two readings of databaseBackendCpu (a backend started meanwhile counts from zero); NaN when nothing could be read. */
export function cpuUsedBetween(before: Map<number, number>, after: Map<number, number>): number {
  if (after.size === 0) return NaN;
  let used = 0;
  for (const [pid, total] of after) used += total - (before.get(pid) ?? 0);
  return used;
}

/** Runs `total` jobs with `concurrency` workers. */
export async function runPool(
  total: number,
  concurrency: number,
  job: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await job(next++);
    }),
  );
}
