import { Injectable } from '@nestjs/common';
import { countWhere, type PeerFailure, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { dateOf } from './like-pattern';

/**
 * Undelivered outgoing messages per peer domain. The domain of a stored address (`1234*example.com`
 * -> `example.com`): its ID is digits, so trimming them leaves `*example.com`; addresses are
 * canonical, so one spelling per domain. MIN of a date has no declared type: SQLite hands back the
 * stored milliseconds, PostgreSQL a Date (dateOf takes either).
 */
const queueByDomain = tables
  .selectFrom(
    tables
      .selectFrom('Message')
      .select((eb) => [
        eb
          .fn<string>('substr', [eb.fn('ltrim', [eb.ref('otherAddress'), eb.val('0123456789')]), eb.lit(2)])
          .as('domain'),
        'state',
        'createdAt',
      ])
      .where('direction', '=', 'out')
      .where('state', 'in', ['queued', 'sending', 'failed'])
      .as('undelivered'),
  )
  .select((eb) => {
    const failed = eb('state', '=', 'failed');
    return [
      'domain',
      countWhere(eb.not(failed)).as('waiting'),
      countWhere(failed).as('failed'),
      eb.fn
        .min<Date | number | null>(eb.case().when(failed).then(null).else(eb.ref('createdAt')).end())
        .as('oldestWaitingAt'),
    ];
  })
  .groupBy('domain');

/** What the admin console reads of the delivery queue (the Message table) and of the peers' last failures. */
@Injectable()
export class AdminDeliveryRepository {
  constructor(
    private readonly db: DirectSqlService,
    private readonly prisma: PrismaService,
  ) {}

  /** Undelivered outgoing messages per peer domain, the domain with the oldest waiting message first. */
  async queueByDomain() {
    const rows = await this.db.query(queueByDomain);
    return rows
      .map((row) => ({ ...row, oldestWaitingAt: dateOf(row.oldestWaitingAt) }))
      .sort(
        (a, b) =>
          (a.oldestWaitingAt?.getTime() ?? Infinity) - (b.oldestWaitingAt?.getTime() ?? Infinity) ||
          b.failed - a.failed,
      );
  }

  /** Keeps the newest failure per domain (several replicas and attempts may write at once: the later time wins). */
  async recordFailure(failure: PeerFailure): Promise<void> {
    await this.db.execute(
      tables
        .insertInto('PeerFailure')
        .values(failure)
        .onConflict((conflict) =>
          conflict
            .column('domain')
            .doUpdateSet((eb) => ({
              failureCode: eb.ref('excluded.failureCode'),
              failureReason: eb.ref('excluded.failureReason'),
              failedAt: eb.ref('excluded.failedAt'),
            }))
            .where('excluded.failedAt', '>=', (eb) => eb.ref('PeerFailure.failedAt')),
        ),
    );
  }

  recentFailures(limit: number): Promise<PeerFailure[]> {
    return this.prisma.peerFailure.findMany({ orderBy: { failedAt: 'desc' }, take: limit });
  }

  /** What an outgoing message's failed attempt recorded, for PeerFailure. */
  failureOf(messageId: string) {
    return this.prisma.message.findUnique({
      where: { id: messageId },
      select: { direction: true, otherAddress: true, failureCode: true, failureReason: true },
    });
  }
}

/** A peer domain's share of the delivery queue (the row type of the query, its oldest time as a Date). */
export type DomainQueueRow = Awaited<ReturnType<AdminDeliveryRepository['queueByDomain']>>[number];
