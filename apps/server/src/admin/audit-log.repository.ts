import { Injectable } from '@nestjs/common';
import { type AdminAuditEntry, tables } from '@openmsg/db';
import type { CursorPosition } from '../http/page-cursor';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

const newestFirst = tables
  .selectFrom('AdminAuditEntry')
  .select(['id', 'actor', 'action', 'target', 'detail', 'createdAt'])
  .orderBy('createdAt', 'desc')
  .orderBy('id', 'desc');

@Injectable()
export class AuditLogRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
  ) {}

  create(data: Pick<AdminAuditEntry, 'actorId' | 'actor' | 'action' | 'target' | 'detail'>) {
    return this.prisma.adminAuditEntry.create({ data, select: { id: true } });
  }

  /** Newest first, after the cursor's entry. */
  page(limit: number, after: CursorPosition | undefined) {
    const query = after
      ? newestFirst.where((eb) => eb(eb.refTuple('createdAt', 'id'), '<', eb.tuple(after.createdAt, after.id)))
      : newestFirst;
    return this.db.query(query.limit(limit));
  }
}

/** An entry of the audit log as a page holds it (the row type of the query). */
export type AuditRow = Awaited<ReturnType<AuditLogRepository['page']>>[number];
