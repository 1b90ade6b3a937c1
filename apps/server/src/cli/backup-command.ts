import { backupSqlite, parseDatabaseUrl, type SqliteBackup } from '@openmsg/db';
import { UsageError } from './usage-error';

/**
 * `backup --to <file>`: an online copy of the node's SQLite database, taken while the node runs.
 * Needs no sqlite3 program, which the image does not have. PostgreSQL has its own tool.
 */
export async function backupCommand(databaseUrl: string, to: string | undefined): Promise<SqliteBackup> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind !== 'sqlite') {
    throw new UsageError('backup copies a SQLite database; for PostgreSQL use pg_dump (docs/operating.md, "Backups")');
  }
  if (!to) throw new UsageError('backup needs --to <file>, e.g. --to /data/backups/openmsg-2026-01-31.db');
  return backupSqlite(target.filePath as string, to);
}
