import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { reserveUnderCaps, secondsBefore } from '../rate-limits/reserve-under-caps';

/** Connects started by this node's users, counted per user for the outgoing cap. */
@Injectable()
export class OutgoingHandshakeAttemptsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly direct: DirectSqlService,
  ) {}

  /** Records an attempt if fewer than `max` are counted for the account in the window; its id, or null. */
  async reserve(accountId: string, max: number, windowSeconds: number, now: Date): Promise<string | null> {
    const id = randomUUID();
    const since = secondsBefore(now, windowSeconds);
    const reserved = await reserveUnderCaps(this.direct, {
      lockKeys: [`outgoing-handshake:${accountId}`],
      insert: sql`INSERT INTO "OutgoingHandshakeAttempt" ("id", "accountId", "createdAt") VALUES (${id}, ${accountId}, ${now})`,
      deleteIfOverCap: sql`DELETE FROM "OutgoingHandshakeAttempt" WHERE "id" = ${id}
        AND (SELECT COUNT(*) FROM "OutgoingHandshakeAttempt" WHERE "accountId" = ${accountId} AND "createdAt" > ${since}) > ${max}`,
    });
    return reserved ? id : null;
  }

  forget(id: string) {
    return this.prisma.outgoingHandshakeAttempt.deleteMany({ where: { id } });
  }

  purgeOlderThan(before: Date) {
    return this.prisma.outgoingHandshakeAttempt.deleteMany({ where: { createdAt: { lte: before } } }).then(({ count }) => count);
  }
}
