import { Injectable } from '@nestjs/common';
import { tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

/**
 * How many outgoing messages wait, and since when the oldest one does: one query on the
 * `(state, nextAttemptAt)` index, which holds only the waiting rows' entries for these states.
 * MIN of a date has no declared type: SQLite hands back the stored milliseconds, PostgreSQL a Date.
 */
const waitingMessages = tables
  .selectFrom('Message')
  .select((eb) => [
    eb.cast<number>(eb.fn.countAll(), 'integer').as('depth'),
    eb.fn.min<Date | number | null>('createdAt').as('oldest'),
  ])
  .where('state', 'in', ['queued', 'sending']);

@Injectable()
export class MetricsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
  ) {}

  async deliveryQueue(): Promise<{ depth: number; oldestCreatedAt: Date | null }> {
    const [row] = await this.db.query(waitingMessages);
    return { depth: row?.depth ?? 0, oldestCreatedAt: row?.oldest == null ? null : new Date(row.oldest) };
  }

  /** SQLite: the database file's pages (not the WAL); PostgreSQL: every relation of the node's database on disk. */
  databaseSizeBytes(): Promise<number> {
    return this.db.databaseSizeBytes();
  }

  failureCodeOf(messageId: string): Promise<string | null> {
    return this.prisma.message
      .findUnique({ where: { id: messageId }, select: { failureCode: true } })
      .then((row) => row?.failureCode ?? null);
  }
}
