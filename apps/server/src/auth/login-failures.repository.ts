import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { reserveUnderCaps, secondsBefore } from '../rate-limits/reserve-under-caps';

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
      insert: sql`INSERT INTO "LoginFailure" ("id", "addressId", "source", "createdAt") VALUES (${id}, ${addressId}, ${source}, ${now})`,
      deleteIfOverCap: sql`DELETE FROM "LoginFailure" WHERE "id" = ${id} AND (
        (SELECT COUNT(*) FROM "LoginFailure" WHERE "addressId" = ${addressId} AND "createdAt" > ${sinceForAccount}) > ${caps.perAccount.maxFailures}
        OR (SELECT COUNT(*) FROM "LoginFailure" WHERE "source" = ${source} AND "createdAt" > ${sinceForSource}) > ${caps.perSource.maxFailures})`,
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
