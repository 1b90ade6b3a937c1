import { apiPath } from '@openmsg/core';
import Sqlite from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPair, TestNode } from '../peer-kit/nodes';

const ADMIN_ENTRY = path.resolve(__dirname, '../../dist/cli/admin.js');

describe('admin backup: an online copy of a running SQLite node', () => {
  let a: TestNode;
  let b: TestNode;
  let restored: TestNode | undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'openmsg-backup-'));

  beforeAll(async () => {
    ({ a, b } = await startPair('sqlite'));
  });
  afterAll(async () => {
    await restored?.kill();
    await a?.dispose();
    await b?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every row while the node keeps writing, and a node starts on the copy', { timeout: 240_000 }, async () => {
    const alice = await a.createUser('100', 'Alice');
    const bob = await b.createUser('200', 'Bob');
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
    const sent = await Promise.all(Array.from({ length: 20 }, (_, i) => alice.send(bob.address, `kept ${i}`)));
    await Promise.all(sent.map((message) => alice.waitForState(message.body.id, ['delivered'])));

    // The node writes 200 pass codes while the backup runs.
    const before = await a.db.passCode.count();
    const backupFile = path.join(dir, 'nested', 'openmsg-backup.db');
    const [result] = await Promise.all([
      a.admin('backup', '--to', backupFile),
      Promise.all(Array.from({ length: 200 }, () => alice.createPassCode())),
    ]);
    const after = await a.db.passCode.count();
    expect(after).toBe(before + 200);
    expect(result).toMatchObject({ backup: backupFile, check: 'ok' });
    expect(result.bytes).toBeGreaterThan(0);

    // One self-contained file: no -wal beside it, a sound database with the node's rows at one moment.
    expect(existsSync(`${backupFile}-wal`)).toBe(false);
    const copy = new Sqlite(backupFile, { readonly: true });
    try {
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = (table: string) => (copy.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
      expect(count('Account')).toBe(1);
      expect(count('Message')).toBe(20);
      expect(count('PassCode')).toBeGreaterThanOrEqual(before);
      expect(count('PassCode')).toBeLessThanOrEqual(after);
      expect(count('_prisma_migrations')).toBeGreaterThan(0);
    } finally {
      copy.close();
    }

    // Restoring is starting a node on the copy: Alice's token and her conversation are there.
    restored = new TestNode('a.test', await freePort(), {
      kind: 'sqlite',
      url: `file:${backupFile}`,
      drop: async () => undefined,
    });
    await restored.start();
    const response = await fetch(`${restored.baseUrl}${apiPath('listConversations')}`, {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('refuses to overwrite a file, and sends PostgreSQL operators to pg_dump', async () => {
    const target = path.join(dir, 'once.db');
    await a.admin('backup', '--to', target);
    await expect(a.admin('backup', '--to', target)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${target} already exists`),
    });
    await expect(a.admin('backup')).rejects.toMatchObject({
      code: 64,
      stderr: expect.stringContaining('backup needs --to'),
    });
    const postgres = promisify(execFile)(process.execPath, [ADMIN_ENTRY, 'backup', '--to', target], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    });
    await expect(postgres).rejects.toMatchObject({
      code: 64,
      stderr: expect.stringContaining('for PostgreSQL use pg_dump'),
    });
  });
});
