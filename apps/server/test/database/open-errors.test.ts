import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../peer-kit/nodes';

const SERVER_ENTRY = path.resolve(__dirname, '../../dist/main.js');
// Root may write anywhere: the not-writable cases then run the node as nobody.
const AS_ROOT = process.getuid?.() === 0;
const UNPRIVILEGED = AS_ROOT ? { uid: 65534, gid: 65534 } : {};

/** Starts the real server with this database and returns how it failed. */
async function startFailure(databaseUrl: string, asUnprivileged = false): Promise<{ code: number; stderr: string }> {
  const env = {
    PATH: process.env.PATH,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    OPENMSG_DATA_DIR: tmpdir(),
  };
  try {
    await promisify(execFile)(process.execPath, [SERVER_ENTRY], {
      env,
      timeout: 30_000,
      ...(asUnprivileged ? UNPRIVILEGED : {}),
    });
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
  throw new Error('the node started');
}

describe('database open errors name the file or the host', () => {
  let dir: string;
  let readOnly: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'openmsg-open-errors-'));
    chmodSync(dir, 0o755);
    readOnly = path.join(dir, 'read-only');
    mkdirSync(readOnly, { mode: 0o555 });
    chmodSync(readOnly, 0o555);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SQLite: a directory the node may not write to', async () => {
    const file = path.join(readOnly, 'openmsg.db');
    const { code, stderr } = await startFailure(`file:${file}`, true);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `cannot open the SQLite database ${file}: unable to open database file (the directory ${readOnly} is not writable by`,
    );
  });

  it('SQLite: a directory that does not exist and cannot be created', async () => {
    const file = path.join(readOnly, 'missing', 'openmsg.db');
    const { code, stderr } = await startFailure(`file:${file}`, true);
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot open the SQLite database ${file}`);
    expect(stderr).toContain(`the directory ${path.dirname(file)} does not exist and could not be created`);
  });

  it('SQLite: a path that is a directory', async () => {
    const { code, stderr } = await startFailure(`file:${dir}`);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `cannot open the SQLite database ${dir}: unable to open database file (that path is a directory)`,
    );
  });

  it('PostgreSQL: nothing listens on the port (host named, password not shown)', async () => {
    const port = await freePort();
    const { code, stderr } = await startFailure(`postgresql://openmsg:not-to-be-logged@127.0.0.1:${port}/openmsg`);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `cannot connect to PostgreSQL at 127.0.0.1:${port}, database openmsg as openmsg: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect(stderr).not.toContain('not-to-be-logged');
  });

  it('PostgreSQL: a server that answers but has no such database', async () => {
    const { code, stderr } = await startFailure('postgresql://postgres@127.0.0.1:5432/openmsg_no_such_database');
    expect(code).toBe(1);
    expect(stderr).toContain(
      'cannot connect to PostgreSQL at 127.0.0.1:5432, database openmsg_no_such_database as postgres: database "openmsg_no_such_database" does not exist',
    );
  });
});
