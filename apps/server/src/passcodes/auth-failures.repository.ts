import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { reserveUnderCaps } from '../rate-limits/capped-attempts.repository';
import { secondsBefore } from '../rate-limits/window-start';

/** The reason of an attempt still being evaluated: it counts against the caps, but users are not shown it yet. */
export const ATTEMPT_IN_PROGRESS = 'in_progress';

export interface AttemptCaps {
  perTarget: { maxFailures: number; windowSeconds: number };
  perSource: { maxFailures: number; windowSeconds: number };
}

/** Failed /openmsg/auth attempts: the handshake's caps count them, and users see them next to their pass codes. */
@Injectable()
export class AuthFailuresRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly direct: DirectSqlService,
  ) {}

  /** Records an attempt in progress if both caps allow one more; its id, or null (nothing recorded) when a cap is reached. */
  async reserve(targetAddressId: string, source: string, caps: AttemptCaps, now: Date): Promise<string | null> {
    const id = randomUUID();
    const sinceForTarget = secondsBefore(now, caps.perTarget.windowSeconds);
    const sinceForSource = secondsBefore(now, caps.perSource.windowSeconds);
    const reserved = await reserveUnderCaps(this.direct, {
      lockKeys: [`auth-target:${targetAddressId}`, `auth-source:${source}`],
      insert: tables
        .insertInto('AuthFailure')
        .values({ id, targetAddressId, source, reason: ATTEMPT_IN_PROGRESS, createdAt: now }),
      deleteIfOverCap: tables
        .deleteFrom('AuthFailure')
        .where('id', '=', id)
        .where((eb) => {
          const counted = eb.selectFrom('AuthFailure').select(eb.fn.countAll().as('count'));
          return eb.or([
            eb(
              counted.where('targetAddressId', '=', targetAddressId).where('createdAt', '>', sinceForTarget),
              '>',
              caps.perTarget.maxFailures,
            ),
            eb(
              counted.where('source', '=', source).where('createdAt', '>', sinceForSource),
              '>',
              caps.perSource.maxFailures,
            ),
          ]);
        }),
    });
    return reserved ? id : null;
  }

  markFailed(id: string, reason: string) {
    return this.prisma.authFailure.updateMany({ where: { id }, data: { reason } });
  }

  forget(id: string) {
    return this.prisma.authFailure.deleteMany({ where: { id } });
  }

  /** Failed attempts against a user, as shown to them (attempts still in progress are not failures yet). */
  countForTarget(targetAddressId: string, since: Date) {
    return this.prisma.authFailure.count({
      where: { targetAddressId, createdAt: { gt: since }, reason: { not: ATTEMPT_IN_PROGRESS } },
    });
  }

  purgeOlderThan(before: Date) {
    return this.prisma.authFailure.deleteMany({ where: { createdAt: { lte: before } } }).then(({ count }) => count);
  }
}
