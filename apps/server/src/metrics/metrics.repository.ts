import { Injectable } from '@nestjs/common';
import { DialectText, sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

/** SQLite: the database file's pages (not the WAL); PostgreSQL: every relation of the node's database on disk. */
const databaseSize = new DialectText({
  sqlite: 'SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()',
  postgresql: 'SELECT pg_database_size(current_database()) AS bytes',
});

@Injectable()
export class MetricsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
  ) {}

  /**
   * How many outgoing messages wait, and since when the oldest one does: one query on the
   * `(state, nextAttemptAt)` index, which holds only the waiting rows' entries for these states.
   */
  async deliveryQueue(): Promise<{ depth: number; oldestCreatedAt: Date | null }> {
    const [row] = await this.db.query<{ depth: number; oldest: Date | number | null }>(sql`
      SELECT CAST(COUNT(*) AS INTEGER) AS "depth", MIN("createdAt") AS "oldest" FROM "Message" WHERE "state" IN ('queued', 'sending')`);
    // MIN() has no declared type: SQLite hands back the stored milliseconds, PostgreSQL a Date; `new Date` takes either.
    return { depth: row?.depth ?? 0, oldestCreatedAt: row?.oldest == null ? null : new Date(row.oldest) };
  }

  async databaseSizeBytes(): Promise<number> {
    const [row] = await this.db.query<{ bytes: number | string }>(sql`${databaseSize}`);
    return Number(row?.bytes ?? 0);
  }

  failureCodeOf(messageId: string): Promise<string | null> {
    return this.prisma.message.findUnique({ where: { id: messageId }, select: { failureCode: true } }).then((row) => row?.failureCode ?? null);
  }
}
