import { backupDatabase, BackupNotOfferedError, type SqliteBackup } from '@openmsg/db';
import { UsageError } from './usage-error';

/**
 * `backup --to <file>`: an online copy of the node's database, taken while the node runs (SQLite;
 * PostgreSQL has its own tool). Needs no sqlite3 program, which the image does not have.
 */
export async function backupCommand(databaseUrl: string, to: string | undefined): Promise<SqliteBackup> {
  if (!to) throw new UsageError('backup needs --to <file>, e.g. --to /data/backups/openmsg-2026-01-31.db');
  try {
    return await backupDatabase(databaseUrl, to);
  } catch (error) {
    if (error instanceof BackupNotOfferedError) throw new UsageError(error.message);
    throw error;
  }
}
