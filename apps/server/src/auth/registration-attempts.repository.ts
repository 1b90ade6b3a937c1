import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { reserveUnderCaps, secondsBefore } from '../rate-limits/reserve-under-caps';

@Injectable()
export class RegistrationAttemptsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly direct: DirectSqlService,
  ) {}

  /** Records a sign-up from a source if fewer than `max` were recorded in the window; its id, or null. */
  async reserve(source: string, max: number, windowSeconds: number, now: Date): Promise<string | null> {
    const id = randomUUID();
    const since = secondsBefore(now, windowSeconds);
    const reserved = await reserveUnderCaps(this.direct, {
      lockKeys: [`registration-source:${source}`],
      insert: sql`INSERT INTO "RegistrationAttempt" ("id", "source", "createdAt") VALUES (${id}, ${source}, ${now})`,
      deleteIfOverCap: sql`DELETE FROM "RegistrationAttempt" WHERE "id" = ${id}
        AND (SELECT COUNT(*) FROM "RegistrationAttempt" WHERE "source" = ${source} AND "createdAt" > ${since}) > ${max}`,
    });
    return reserved ? id : null;
  }

  forget(id: string) {
    return this.prisma.registrationAttempt.deleteMany({ where: { id } });
  }

  purgeOlderThan(before: Date) {
    return this.prisma.registrationAttempt.deleteMany({ where: { createdAt: { lte: before } } }).then(({ count }) => count);
  }
}
