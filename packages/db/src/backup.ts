import Sqlite from 'better-sqlite3';
import { existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl } from './database-url';

export interface SqliteBackup {
  database: string;
  backup: string;
  bytes: number;
  /** SQLite's quick_check of the copy: "ok" when it is sound. */
  check: string;
}

/** The database has a backup tool of its own (PostgreSQL: pg_dump); the node makes no copy. */
export class BackupNotOfferedError extends Error {}

/**
 * An online copy of the node's database to the file `destination`: offered for SQLite, whose
 * database is a file beside the node (backupSqlite); PostgreSQL's own tools back it up.
 */
export function backupDatabase(databaseUrl: string, destination: string): Promise<SqliteBackup> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind !== 'sqlite') {
    return Promise.reject(
      new BackupNotOfferedError(
        'backup copies a SQLite database; for PostgreSQL use pg_dump (docs/operating.md, "Backups")',
      ),
    );
  }
  return backupSqlite(target.filePath as string, destination);
}

/**
 * Copies a live SQLite database with SQLite's online backup API (a consistent snapshot, safe while
 * the node writes: unlike `cp`, it cannot catch a half-written page or miss the WAL), then checks
 * the copy and makes it one self-contained file (journal mode DELETE, no -wal beside it).
 * Refuses to overwrite an existing file.
 */
export async function backupSqlite(filePath: string, destination: string): Promise<SqliteBackup> {
  const source = path.resolve(filePath);
  const target = path.resolve(destination);
  if (!existsSync(source)) throw new Error(`no SQLite database at ${source}`);
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new name`);
  mkdirSync(path.dirname(target), { recursive: true });
  if (
    realpathSync(path.dirname(target)) === realpathSync(path.dirname(source)) &&
    path.basename(target) === path.basename(source)
  ) {
    throw new Error('the backup must not be the database itself');
  }
  const database = new Sqlite(source, { fileMustExist: true, timeout: 10_000 });
  try {
    // Every page in one step: a step is one read transaction, so the copy is one snapshot even while
    // the node writes (smaller steps start over whenever another connection writes between two of them).
    await database.backup(target, { progress: () => 0x7fffffff });
  } finally {
    database.close();
  }
  const copy = new Sqlite(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true }) as string;
    return { database: source, backup: target, bytes: statSync(target).size, check };
  } finally {
    copy.close();
  }
}
