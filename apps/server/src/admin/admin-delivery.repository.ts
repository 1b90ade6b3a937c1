import { Injectable } from '@nestjs/common';
import { DialectText, type PeerFailure, sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { dateOf } from './like-pattern';

/** The domain of a stored address (`1234*example.com` -> `example.com`): addresses are canonical, so one spelling per domain. */
const DOMAIN_OF_ADDRESS = new DialectText({
  sqlite: `substr("otherAddress", instr("otherAddress", '*') + 1)`,
  postgresql: `substr("otherAddress", strpos("otherAddress", '*') + 1)`,
});

export interface DomainQueueRow {
  domain: string;
  waiting: number;
  failed: number;
  oldestWaitingAt: Date | null;
}

/** What the admin console reads of the delivery queue (the Message table) and of the peers' last failures. */
@Injectable()
export class AdminDeliveryRepository {
  constructor(
    private readonly db: DirectSqlService,
    private readonly prisma: PrismaService,
  ) {}

  /** Undelivered outgoing messages per peer domain, the domain with the oldest waiting message first. */
  async queueByDomain(): Promise<DomainQueueRow[]> {
    const rows = await this.db.query<{ domain: string; waiting: number | string; failed: number | string; oldestWaitingAt: Date | number | null }>(sql`
      SELECT ${DOMAIN_OF_ADDRESS} AS "domain",
        CAST(SUM(CASE WHEN "state" = 'failed' THEN 0 ELSE 1 END) AS INTEGER) AS "waiting",
        CAST(SUM(CASE WHEN "state" = 'failed' THEN 1 ELSE 0 END) AS INTEGER) AS "failed",
        MIN(CASE WHEN "state" = 'failed' THEN NULL ELSE "createdAt" END) AS "oldestWaitingAt"
      FROM "Message" WHERE "direction" = 'out' AND "state" IN ('queued', 'sending', 'failed')
      GROUP BY 1`);
    return rows
      .map((row) => ({ domain: row.domain, waiting: Number(row.waiting), failed: Number(row.failed), oldestWaitingAt: dateOf(row.oldestWaitingAt) }))
      .sort((a, b) => (a.oldestWaitingAt?.getTime() ?? Infinity) - (b.oldestWaitingAt?.getTime() ?? Infinity) || b.failed - a.failed);
  }

  /** Keeps the newest failure per domain (several replicas and attempts may write at once: the later time wins). */
  async recordFailure(failure: PeerFailure): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO "PeerFailure" ("domain", "failureCode", "failureReason", "failedAt")
      VALUES (${failure.domain}, ${failure.failureCode}, ${failure.failureReason}, ${failure.failedAt})
      ON CONFLICT ("domain") DO UPDATE SET "failureCode" = excluded."failureCode", "failureReason" = excluded."failureReason", "failedAt" = excluded."failedAt"
      WHERE excluded."failedAt" >= "PeerFailure"."failedAt"`);
  }

  recentFailures(limit: number): Promise<PeerFailure[]> {
    return this.prisma.peerFailure.findMany({ orderBy: { failedAt: 'desc' }, take: limit });
  }

  /** What an outgoing message's failed attempt recorded, for PeerFailure. */
  failureOf(messageId: string) {
    return this.prisma.message.findUnique({ where: { id: messageId }, select: { direction: true, otherAddress: true, failureCode: true, failureReason: true } });
  }
}
