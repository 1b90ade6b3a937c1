import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type DirectSql, type Statement, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { secondsBefore } from './window-start';

/** What a cap counts: sign-ups per client address, connects per user, shared-file requests per client address. */
export type CapScope = 'registration' | 'outgoing-handshake' | 'shared-file';

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
 * nothing recorded) when a cap is reached. The repositories of counted attempts (these, sign-in
 * and handshake failures) record theirs with it.
 *
 * Checking a count and then recording is not atomic: 300 requests sent at once all read the count
 * before any has written. Here the attempt is written first and counted with itself, in one
 * transaction that first takes a lock per key (DirectSql.transaction's lockKeys), so that attempts
 * on one key run one after another and each count sees every earlier attempt committed.
 */
export async function reserveUnderCaps(db: DirectSql, attempt: CappedInsert): Promise<boolean> {
  const counts = await db.transaction([attempt.insert, attempt.deleteIfOverCap], {
    lockKeys: attempt.lockKeys.map((key) => `cap:${key}`),
  });
  return counts[1] === 0;
}

/** Attempts counted per key within a scope, for caps of one key each (CappedAttempt rows). */
@Injectable()
export class CappedAttemptsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly direct: DirectSqlService,
  ) {}

  /** Records an attempt if fewer than `max` are counted for the key in the window; its id, or null (nothing recorded). */
  async reserve(scope: CapScope, key: string, max: number, windowSeconds: number, now: Date): Promise<string | null> {
    const id = randomUUID();
    const since = secondsBefore(now, windowSeconds);
    const reserved = await reserveUnderCaps(this.direct, {
      lockKeys: [`${scope}:${key}`],
      insert: tables.insertInto('CappedAttempt').values({ id, scope, key, createdAt: now }),
      deleteIfOverCap: tables
        .deleteFrom('CappedAttempt')
        .where('id', '=', id)
        .where((eb) => {
          const counted = eb.selectFrom('CappedAttempt').select(eb.fn.countAll().as('count'));
          return eb(counted.where('scope', '=', scope).where('key', '=', key).where('createdAt', '>', since), '>', max);
        }),
    });
    return reserved ? id : null;
  }

  /** The attempt no longer counts. */
  forget(id: string) {
    return this.prisma.cappedAttempt.deleteMany({ where: { id } });
  }

  purgeOlderThan(scope: CapScope, before: Date) {
    return this.prisma.cappedAttempt
      .deleteMany({ where: { scope, createdAt: { lte: before } } })
      .then(({ count }) => count);
  }
}
