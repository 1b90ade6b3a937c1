import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createDatabase, directSql, sql, storageFaultOf, UniqueViolationError } from '@openmsg/db';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../peer-kit/nodes';

/** The errors the drivers and Prisma really throw for each storage fault, and that other errors are none. */
describe('storage faults classified from real driver errors', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'openmsg-faults-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const failureOf = async (work: () => unknown): Promise<unknown> => {
    try {
      await work();
    } catch (error) {
      return error;
    }
    throw new Error('it did not fail');
  };

  it('PostgreSQL not there: node-postgres, and Prisma and DirectSql over the same pool', async () => {
    const url = `postgresql://postgres@127.0.0.1:${await freePort()}/nothing`;
    const client = new pg.Client({ connectionString: url });
    expect(storageFaultOf(await failureOf(() => client.connect()))).toBe('database_unavailable');
    const database = createDatabase(url);
    expect(storageFaultOf(await failureOf(() => database.account.count()))).toBe('database_unavailable');
    expect(storageFaultOf(await failureOf(() => directSql(database).query(sql`SELECT 1`)))).toBe(
      'database_unavailable',
    );
    expect(storageFaultOf(await failureOf(() => directSql(database).execute(sql`DELETE FROM "Account"`)))).toBe(
      'database_unavailable',
    );
    await database.$disconnect();
  });

  it('PostgreSQL shutting down (57P01), cannot connect now (57P03), broken connection (08006) and the shapes without a code', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '53300']) {
      expect(storageFaultOf(Object.assign(new Error('terminating connection'), { code, severity: 'FATAL' }))).toBe(
        'database_unavailable',
      );
    }
    expect(storageFaultOf(new Error('Connection terminated unexpectedly'))).toBe('database_unavailable');
    expect(storageFaultOf(new Error('timeout exceeded when trying to connect'))).toBe('database_unavailable');
    expect(storageFaultOf(Object.assign(new Error('could not extend file'), { code: '53100' }))).toBe('storage_full');
    expect(
      storageFaultOf(Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' })),
    ).toBe('storage_read_only');
  });

  it('SQLite full (max_page_count) and read-only, through better-sqlite3, Prisma and DirectSql', async () => {
    const file = path.join(dir, 'full.db');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE t (v TEXT)');
    raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true }) as number}`);
    const full = await failureOf(() => {
      for (let i = 0; i < 1000; i++) raw.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(1000));
    });
    expect((full as { code: string }).code).toBe('SQLITE_FULL');
    expect(storageFaultOf(full)).toBe('storage_full');
    raw.close();

    const readOnly = new BetterSqlite3(file, { readonly: true });
    const refused = await failureOf(() => readOnly.prepare('INSERT INTO t VALUES (1)').run());
    expect((refused as { code: string }).code).toMatch(/^SQLITE_READONLY/);
    expect(storageFaultOf(refused)).toBe('storage_read_only');
    readOnly.close();

    const database = createDatabase(`file:${path.join(dir, 'prisma.db')}`);
    await database.$executeRawUnsafe('CREATE TABLE t (v TEXT)');
    await database.$executeRawUnsafe('PRAGMA query_only = ON');
    expect(storageFaultOf(await failureOf(() => database.$executeRawUnsafe("INSERT INTO t VALUES ('x')")))).toBe(
      'storage_read_only',
    );
    expect(storageFaultOf(await failureOf(() => directSql(database).execute(sql`INSERT INTO t VALUES (${'x'})`)))).toBe(
      'storage_read_only',
    );
    await database.$executeRawUnsafe('PRAGMA query_only = OFF');
    await database.$queryRawUnsafe('PRAGMA max_page_count = 1');
    const many = Array.from({ length: 50 }, () => sql`INSERT INTO t VALUES (${'y'.repeat(4000)})`);
    expect(storageFaultOf(await failureOf(() => directSql(database).transaction(many)))).toBe('storage_full');
    expect(
      storageFaultOf(await failureOf(() => database.$executeRawUnsafe(`INSERT INTO t VALUES ('${'z'.repeat(5000)}')`))),
    ).toBe('storage_full');
    await database.$disconnect();
  });

  // A real file system that fills up (root may mount a small tmpfs; elsewhere max_page_count above stands in).
  it.skipIf(process.getuid?.() !== 0)(
    'SQLite on a file system that is full for real (a 2 MB tmpfs): storage_full',
    async () => {
      const mountPoint = mkdtempSync(path.join(tmpdir(), 'openmsg-tmpfs-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
      try {
        const database = createDatabase(`file:${path.join(mountPoint, 'node.db')}`);
        await database.$executeRawUnsafe('CREATE TABLE t (v TEXT)');
        const direct = directSql(database);
        const full = await failureOf(async () => {
          for (let i = 0; i < 1000; i++) await direct.execute(sql`INSERT INTO t VALUES (${'x'.repeat(8000)})`);
        });
        expect(storageFaultOf(full)).toBe('storage_full');
        await database.$disconnect();
      } finally {
        execFileSync('umount', [mountPoint]);
        rmSync(mountPoint, { recursive: true, force: true });
      }
    },
  );

  it('other errors are no storage fault', async () => {
    expect(storageFaultOf(new UniqueViolationError(new Error('duplicate')))).toBeNull();
    expect(storageFaultOf(Object.assign(new Error('syntax error'), { code: '42601', severity: 'ERROR' }))).toBeNull();
    expect(
      storageFaultOf(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })),
    ).toBeNull();
    expect(storageFaultOf(new TypeError('x is undefined'))).toBeNull();
    expect(storageFaultOf(null)).toBeNull();
    expect(storageFaultOf('a string')).toBeNull();
  });
});
