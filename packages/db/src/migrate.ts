import Sqlite from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { type DatabaseKind, parseDatabaseUrl } from './database-url';

/** prisma/migrations/<kind>/ at the repository root, as created by `prisma migrate diff`. */
export function migrationsDirectory(kind: DatabaseKind): string {
  return path.resolve(__dirname, '../../../prisma/migrations', kind);
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

function readMigrations(kind: DatabaseKind): Migration[] {
  const dir = migrationsDirectory(kind);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies pending migrations, recording them in `_prisma_migrations` exactly as `prisma migrate
 * deploy` does (so the Prisma CLI sees the same state). Runs the SQL through the plain drivers:
 * it needs no Prisma engine and takes milliseconds at start-up. A failed migration leaves its row
 * unfinished and stops, as Prisma's does.
 */
export async function applyMigrations(databaseUrl: string, options: { before?: string } = {}): Promise<string[]> {
  const target = parseDatabaseUrl(databaseUrl);
  // `before`: only the migrations named before it, so that a test can put data under a later migration.
  const migrations = readMigrations(target.kind).filter(
    (migration) => !options.before || migration.name < options.before,
  );
  return target.kind === 'sqlite'
    ? applySqlite(target.filePath as string, migrations)
    : applyPostgresql(target.url, migrations);
}

const HISTORY_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

function applySqlite(filePath: string, migrations: Migration[]): string[] {
  if (!existsSync(path.dirname(filePath))) mkdirSync(path.dirname(filePath), { recursive: true });
  const db = new Sqlite(filePath, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
      "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const applied: string[] = [];
    // BEGIN IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    const apply = db.transaction((migration: Migration) => {
      const done = db
        .prepare(
          `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
        .get(migration.name);
      if (done) return;
      db.exec(migration.sql);
      const now = Date.now();
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
      ).run(randomUUID(), migration.checksum, now, migration.name, now);
      applied.push(migration.name);
    });
    for (const migration of migrations) apply.immediate(migration);
    return applied;
  } finally {
    db.close();
  }
}

async function applyPostgresql(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across replicas sharing the database.
    await client.query('SELECT pg_advisory_lock(72707369)');
    await client.query(HISTORY_TABLE_SQL);
    const applied: string[] = [];
    for (const migration of migrations) {
      const done = await client.query(
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [migration.name],
      );
      if (done.rowCount) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock(72707369)').catch(() => undefined);
    await client.end();
  }
}
