import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { applyMigrations } from '@openmsg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../peer-kit/nodes';

/**
 * Prisma's PostgreSQL adapter runs the parts of a createMany too large for one statement (over
 * 32,767 bound values) concurrently, in one transaction, on one pg client. pg then queues them
 * itself and warns that this is deprecated (pg 9 refuses it). Run in a process of its own with
 * --throw-deprecation: a warning is a crash (and Node warns once per process, so another test's
 * earlier warning cannot hide this one).
 */
const SCRIPT = `
const { createDatabase } = require('@openmsg/db');
const url = process.env.TEST_DATABASE_URL;
let database;
if (process.env.PLAIN_POOL) {
  const pg = require('pg');
  const { PrismaPg } = require('@prisma/adapter-pg');
  const { PrismaClient } = require('@openmsg/db/generated/postgresql');
  database = new PrismaClient({ adapter: new PrismaPg(new pg.Pool({ connectionString: url })) });
} else {
  database = createDatabase(url);
}
(async () => {
  const account = await database.account.create({ data: { addressId: String(Date.now()), displayName: 'Seed', allowReplies: true } });
  const data = Array.from({ length: 12000 }, (_, i) => ({ accountId: account.id, otherAddress: '1*peer.test', direction: 'in', body: 'seeded ' + i, state: 'received' }));
  const { count } = await database.message.createMany({ data });
  await database.$disconnect();
  process.stdout.write(String(count));
})();
`;

async function runSeed(
  url: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--throw-deprecation', '-e', SCRIPT], {
      cwd: __dirname,
      env: { ...process.env, TEST_DATABASE_URL: url, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe.concurrent('PostgreSQL: each pg connection runs one query at a time', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    await applyMigrations(database.url);
  });
  afterAll(() => database?.drop());

  it("a createMany Prisma splits into parts, through the node's database client: no deprecation warning, every row stored", async () => {
    const run = await runSeed(database.url);
    expect(run.stderr).not.toContain('DeprecationWarning');
    expect(run).toMatchObject({ code: 0, stdout: '12000' });
  });

  it('the same through a plain pg pool warns (the check above can fail)', async () => {
    const run = await runSeed(database.url, { PLAIN_POOL: '1' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Calling client.query() when the client is already executing a query is deprecated');
  });
});
