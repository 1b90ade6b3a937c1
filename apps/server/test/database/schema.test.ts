import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Sqlite from 'better-sqlite3';
import { applyMigrations } from '@openmsg/db';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../peer-kit/nodes';

const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
});

describe('database schema', () => {
  it('keeps prisma/postgresql/schema.prisma generated from the canonical schema', async () => {
    const script = path.resolve(__dirname, '../../../../packages/db/scripts/generate-postgresql-schema.mjs');
    await expect(promisify(execFile)(process.execPath, [script, '--check'])).resolves.toBeTruthy();
  });

  it.each(DATABASE_KINDS)('applies every migration once on a fresh %s database', async (kind) => {
    const db = await createTestDatabase(kind);
    databases.push(db);
    const first = await applyMigrations(db.url);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(db.url)).toEqual([]);
  });

  it('runs SQLite in WAL mode', async () => {
    const db = await createTestDatabase('sqlite');
    databases.push(db);
    await applyMigrations(db.url);
    const file = new Sqlite(db.url.slice('file:'.length));
    expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
    file.close();
  });
});
