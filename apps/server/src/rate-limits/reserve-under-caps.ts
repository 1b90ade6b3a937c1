import type { DirectSql, Statement } from '@openmsg/db';

export interface CappedInsert {
  /** What the caps count, e.g. `target:500` and `source:203.0.113.7`: attempts on one key are decided one at a time. */
  lockKeys: string[];
  /** Records the attempt (it counts at once, so concurrent attempts see it). */
  insert: Statement;
  /** Deletes the attempt just recorded when, counted with it, a cap is exceeded; changes 1 row then. */
  deleteIfOverCap: Statement;
}

/**
 * Records an attempt and decides whether it is within its caps as one atomic step; false (and
 * nothing recorded) when a cap is reached.
 *
 * Checking a count and then recording is not atomic: 300 requests sent at once all read the count
 * before any has written. Here the attempt is written first and counted with itself, in one
 * transaction that first takes a lock per key (DirectSql.transaction's lockKeys), so that attempts
 * on one key run one after another and each count sees every earlier attempt committed.
 */
export async function reserveUnderCaps(db: DirectSql, attempt: CappedInsert): Promise<boolean> {
  const counts = await db.transaction([attempt.insert, attempt.deleteIfOverCap], { lockKeys: attempt.lockKeys.map((key) => `cap:${key}`) });
  return counts[1] === 0;
}

export function secondsBefore(now: Date, seconds: number): Date {
  return new Date(now.getTime() - seconds * 1000);
}
