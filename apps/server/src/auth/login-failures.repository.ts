import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { reserveUnderCaps } from '../rate-limits/capped-attempts.repository';
import { secondsBefore } from '../rate-limits/window-start';

export interface LoginCaps {
  perAccount: { maxFailures: number; windowSeconds: number };
  perSource: { maxFailures: number; windowSeconds: number };
}

/** Sign-in attempts: each counts as a failure from before its password is checked until it succeeds. */
@Injectable()
export class LoginFailuresRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly direct: DirectSqlService,
  ) {}

  /** Records an attempt if both caps allow one more; its id, or null (nothing recorded) when a cap is reached. */
  async reserve(addressId: string, source: string, caps: LoginCaps, now: Date): Promise<string | null> {
    const id = randomUUID();
    const sinceForAccount = secondsBefore(now, caps.perAccount.windowSeconds);
    const sinceForSource = secondsBefore(now, caps.perSource.windowSeconds);
    const reserved = await reserveUnderCaps(this.direct, {
      lockKeys: [`login-account:${addressId}`, `login-source:${source}`],
      insert: tables.insertInto('LoginFailure').values({ id, addressId, source, createdAt: now }),
      deleteIfOverCap: tables
        .deleteFrom('LoginFailure')
        .where('id', '=', id)
        .where((eb) => {
          const counted = eb.selectFrom('LoginFailure').select(eb.fn.countAll().as('count'));
          return eb.or([
            eb(
              counted.where('addressId', '=', addressId).where('createdAt', '>', sinceForAccount),
              '>',
              caps.perAccount.maxFailures,
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

  forget(id: string) {
    return this.prisma.loginFailure.deleteMany({ where: { id } });
  }

  clearForAddress(addressId: string) {
    return this.prisma.loginFailure.deleteMany({ where: { addressId } });
  }

  purgeOlderThan(before: Date) {
    return this.prisma.loginFailure.deleteMany({ where: { createdAt: { lte: before } } }).then(({ count }) => count);
  }
}
