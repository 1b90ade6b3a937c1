import { type DirectSql, sql, type Sql } from '@openmsg/db';

export interface CappedInsert {
  /** What the caps count, e.g. `target:500` and `source:203.0.113.7`: attempts on one key are decided one at a time. */
  lockKeys: string[];
  /** Records the attempt (it counts at once, so concurrent attempts see it). */
  insert: Sql;
  /** Deletes the attempt just recorded when, counted with it, a cap is exceeded; changes 1 row then. */
  deleteIfOverCap: Sql;
}

/**
 * Records an attempt and decides whether it is within its caps as one atomic step; false (and
 * nothing recorded) when a cap is reached.
 *
 * Checking a count and then recording is not atomic: 300 requests sent at once all read the count
 * before any has written. Here the attempt is written first and counted with itself, in one
 * transaction. On PostgreSQL that transaction first takes an advisory lock per key, so that
 * attempts on one key run one after another and each count sees every earlier attempt committed
 * (under READ COMMITTED each statement reads what was committed when it starts, i.e. after the
 * lock). SQLite needs no lock: the whole transaction runs in one turn on its single writer.
 * Locks are taken in sorted order, so two attempts never wait for each other in a cycle.
 */
export async function reserveUnderCaps(db: DirectSql, attempt: CappedInsert): Promise<boolean> {
  const locks = db.kind === 'postgresql' ? [...new Set(attempt.lockKeys)].sort().map(advisoryLock) : [];
  const counts = await db.transaction([...locks, attempt.insert, attempt.deleteIfOverCap]);
  return counts[counts.length - 1] === 0;
}

function advisoryLock(key: string): Sql {
  return sql`SELECT pg_advisory_xact_lock(hashtextextended(${`openmsg-cap:${key}`}, 0))`;
}

export function secondsBefore(now: Date, seconds: number): Date {
  return new Date(now.getTime() - seconds * 1000);
}
