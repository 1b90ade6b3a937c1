import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { reserveUnderCaps, secondsBefore } from './reserve-under-caps';

/** What a cap counts: sign-ups per client address, connects per user. */
export type CapScope = 'registration' | 'outgoing-handshake';

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
    return this.prisma.cappedAttempt.deleteMany({ where: { scope, createdAt: { lte: before } } }).then(({ count }) => count);
  }
}
