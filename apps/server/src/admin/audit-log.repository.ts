import { Injectable } from '@nestjs/common';
import type { AdminAuditEntry } from '@openmsg/db';
import type { CursorPosition } from '../http/page-cursor';
import { PrismaService } from '../database/prisma.service';

export type AuditRow = Pick<AdminAuditEntry, 'id' | 'actor' | 'action' | 'target' | 'detail' | 'createdAt'>;

const SELECT = { id: true, actor: true, action: true, target: true, detail: true, createdAt: true } as const;

@Injectable()
export class AuditLogRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Pick<AdminAuditEntry, 'actorId' | 'actor' | 'action' | 'target' | 'detail'>) {
    return this.prisma.adminAuditEntry.create({ data, select: { id: true } });
  }

  /** Newest first, after the cursor's entry. */
  page(limit: number, after: CursorPosition | undefined): Promise<AuditRow[]> {
    return this.prisma.adminAuditEntry.findMany({
      select: SELECT,
      where: after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }
}
