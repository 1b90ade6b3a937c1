import { Injectable } from '@nestjs/common';
import type { AdminAction, AdminAuditView, Page } from '@openmsg/core';
import { decodeCursor, encodeCursor } from '../http/page-cursor';
import { type AuditRow, AuditLogRepository } from './audit-log.repository';

/** Who took an admin action: an admin's account, or the operator at the command line. */
export interface AdminActor {
  id: string | null;
  name: string;
}

export const CLI_ACTOR: AdminActor = { id: null, name: 'admin CLI' };

const EXPORT_PAGE = 500;
const CSV_COLUMNS = ['createdAt', 'actor', 'action', 'target', 'detail'] as const;

/** The audit log: one entry per admin action that changed something (who, what, on what, when), listed and exported. */
@Injectable()
export class AuditLogService {
  constructor(private readonly entries: AuditLogRepository) {}

  async record(
    actor: AdminActor,
    action: AdminAction,
    target: string | null,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    await this.entries.create({
      actorId: actor.id,
      actor: actor.name,
      action,
      target,
      detail: detail ? JSON.stringify(detail) : null,
    });
  }

  async page(limit: number, cursor: string | undefined): Promise<Page<AdminAuditView>> {
    const rows = await this.entries.page(limit + 1, decodeCursor(cursor));
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items: items.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** The whole log, newest first, a page at a time (the stream asks for the next piece only when the client took the last). */
  async *export(format: 'csv' | 'json'): AsyncGenerator<string> {
    yield format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '[';
    let after: AuditRow | undefined;
    let first = true;
    for (;;) {
      const rows = await this.entries.page(EXPORT_PAGE, after);
      for (const row of rows) {
        const entry = view(row);
        yield format === 'csv'
          ? `${CSV_COLUMNS.map((column) => csvCell(entry[column])).join(',')}\r\n`
          : `${first ? '' : ','}\n${JSON.stringify(entry)}`;
        first = false;
      }
      if (rows.length < EXPORT_PAGE) break;
      after = rows.at(-1);
    }
    if (format === 'json') yield '\n]\n';
  }
}

function view(row: AuditRow): AdminAuditView {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (= + - @ at its start) gets a leading apostrophe. */
function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
