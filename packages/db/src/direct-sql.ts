import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseKind } from './database-url';

export type SqlValue = string | number | boolean | Date | null;

/** A statement written as sql`... ${value} ...`: values are always bound as parameters, never spliced into the text. */
export interface Sql {
  readonly parts: readonly string[];
  readonly values: readonly SqlValue[];
}

export function sql(parts: TemplateStringsArray, ...values: SqlValue[]): Sql {
  return { parts, values };
}

/**
 * Statements on the same connections Prisma uses, without Prisma's query compiler: for the few
 * statements that run for every message, where a Prisma query costs 0.3-2 ms of CPU and a prepared
 * statement a few microseconds. Rows come back alike on both databases: DateTime columns as Date,
 * Boolean columns as boolean, Int columns as number.
 */
export interface DirectSql {
  readonly kind: DatabaseKind;
  /**
   * The rows of a SELECT. On PostgreSQL also of a single statement whose data-modifying WITH
   * parts commit together (SQLite has no such statements: use transaction there).
   */
  query<Row>(statement: Sql): Promise<Row[]>;
  /** How many rows a write changed. */
  execute(statement: Sql): Promise<number>;
  /** The rows a write returns (UPDATE ... RETURNING), committed like execute. */
  executeReturning<Row>(statement: Sql): Promise<Row[]>;
  /** Several writes as one transaction; how many rows each changed. */
  transaction(statements: Sql[]): Promise<number[]>;
}

/** A unique key refused a write (the same for both databases). */
export class UniqueViolationError extends Error {
  constructor(cause: unknown) {
    super('unique constraint violated', { cause });
    this.name = 'UniqueViolationError';
  }
}

/**
 * Under load, writes wait until this long after the previous commit, so that one commit carries
 * many of them (a commit costs 100-200 us of CPU: WAL frames for every page touched, and the
 * checkpoints they lead to). A write arriving after a quiet spell is committed on the next turn.
 */
const GROUP_COMMIT_WINDOW_MS = 1;

interface SqliteStatement {
  statement: BetterSqlite3.Statement;
  /** Declared DATETIME and BOOLEAN columns of the result, which SQLite returns as numbers. */
  dates: string[];
  booleans: string[];
}

interface PendingWrite {
  work: (db: BetterSqlite3.Database) => unknown;
  /** Several statements, undone together if one fails: they need a savepoint of their own. */
  several: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * better-sqlite3 runs statements synchronously, so a transaction here runs start to end in one
 * turn of the event loop. Two things follow from sharing Prisma's connection:
 *
 * - Prisma's transactions span several turns: a statement issued while one is open would become
 *   part of it (and be undone with it), so every statement waits until none is open.
 * - Group commit: the writes issued within one window (GROUP_COMMIT_WINDOW_MS; at concurrency,
 *   several messages' worth) are committed together; one failing write undoes only itself (a
 *   statement alone, or several in a savepoint). Each caller resumes once its write is committed.
 */
export class SqliteDirectSql implements DirectSql {
  readonly kind = 'sqlite' as const;
  private readonly statements = new Map<readonly string[], SqliteStatement>();
  private pending: PendingWrite[] = [];
  private flushScheduled = false;
  private lastCommitAt = 0;
  /** The connection as last seen open, so that a statement need not wait for a turn to get it. */
  private open: BetterSqlite3.Database | null = null;

  constructor(private readonly connection: () => Promise<BetterSqlite3.Database>) {}

  /** Runs at once: reads need no commit. */
  async query<Row>(statement: Sql): Promise<Row[]> {
    return this.all<Row>(await this.ready(), statement);
  }

  execute(statement: Sql): Promise<number> {
    return this.write((db) => this.run(db, statement), false);
  }

  executeReturning<Row>(statement: Sql): Promise<Row[]> {
    return this.write((db) => this.all<Row>(db, statement), false);
  }

  transaction(statements: Sql[]): Promise<number[]> {
    return this.write((db) => statements.map((statement) => this.run(db, statement)), statements.length > 1);
  }

  private write<T>(work: (db: BetterSqlite3.Database) => T, several: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, several, resolve: resolve as (value: unknown) => void, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      const wait = this.lastCommitAt + GROUP_COMMIT_WINDOW_MS - performance.now();
      if (wait > 0) setTimeout(() => void this.flush(), wait);
      else setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    let db: BetterSqlite3.Database;
    try {
      db = await this.ready();
    } catch (error) {
      this.takePending().forEach((write) => write.reject(error));
      return;
    }
    const batch = this.takePending();
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    // IMMEDIATE: take the write lock at BEGIN, so a reader in another process cannot make the upgrade fail.
    const commit = db.transaction(() => {
      for (const write of batch) {
        // An error that ends the whole transaction (disk full, I/O) fails the commit and with it every write.
        if (!db.inTransaction) throw new Error('the write transaction was rolled back');
        try {
          // A failing statement undoes only itself (SQLite's statement journal); several need a savepoint.
          outcomes.push({ ok: true, value: write.several ? db.transaction(() => write.work(db))() : write.work(db) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
    try {
      commit.immediate();
    } catch (error) {
      batch.forEach((write) => write.reject(error));
      return;
    } finally {
      this.lastCommitAt = performance.now();
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i] as (typeof outcomes)[number];
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }

  private takePending(): PendingWrite[] {
    const batch = this.pending;
    this.pending = [];
    this.flushScheduled = false;
    return batch;
  }

  private all<Row>(db: BetterSqlite3.Database, statement: Sql): Row[] {
    const prepared = this.prepare(db, statement);
    const rows = runSqlite(() => prepared.statement.all(...bindSqlite(statement.values))) as Record<string, unknown>[];
    for (const row of rows) {
      for (const column of prepared.dates) if (row[column] !== null) row[column] = new Date(row[column] as number);
      for (const column of prepared.booleans) if (row[column] !== null) row[column] = row[column] !== 0;
    }
    return rows as Row[];
  }

  private run(db: BetterSqlite3.Database, statement: Sql): number {
    const prepared = this.prepare(db, statement);
    return runSqlite(() => prepared.statement.run(...bindSqlite(statement.values)).changes);
  }

  private async ready(): Promise<BetterSqlite3.Database> {
    const known = this.open;
    if (known?.open && !known.inTransaction) return known;
    const db = await this.connection();
    while (db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    this.open = db;
    return db;
  }

  private prepare(db: BetterSqlite3.Database, statement: Sql): SqliteStatement {
    let prepared = this.statements.get(statement.parts);
    if (!prepared) {
      // Prisma's adapter turns safe integers on for the connection; Int columns fit a number.
      const compiled = db.prepare(statement.parts.join('?')).safeIntegers(false);
      const columns = compiled.reader ? compiled.columns() : [];
      const declared = (type: string) => columns.filter((column) => column.type?.toUpperCase() === type).map((column) => column.name);
      prepared = { statement: compiled, dates: declared('DATETIME'), booleans: declared('BOOLEAN') };
      this.statements.set(statement.parts, prepared);
    }
    return prepared;
  }
}

function bindSqlite(values: readonly SqlValue[]): unknown[] {
  // DateTime columns hold milliseconds since the epoch (the adapter's unixepoch-ms format).
  return values.map((value) => (value instanceof Date ? value.getTime() : typeof value === 'boolean' ? (value ? 1 : 0) : value));
}

function runSqlite<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new UniqueViolationError(error);
    throw error;
  }
}

/** TIMESTAMP(3) columns hold UTC wall-clock time, as Prisma writes them. */
const TIMESTAMP_OID = 1114;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Named statements: each pooled connection parses and plans a statement once. */
export class PostgresDirectSql implements DirectSql {
  readonly kind = 'postgresql' as const;
  private readonly statements = new Map<readonly string[], { name: string; text: string }>();

  constructor(private readonly pool: pg.Pool) {}

  async query<Row>(statement: Sql): Promise<Row[]> {
    return (await runPostgres(this.pool, this.config(statement))).rows as Row[];
  }

  async execute(statement: Sql): Promise<number> {
    return (await runPostgres(this.pool, this.config(statement))).rowCount ?? 0;
  }

  executeReturning<Row>(statement: Sql): Promise<Row[]> {
    return this.query<Row>(statement);
  }

  async transaction(statements: Sql[]): Promise<number[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const counts: number[] = [];
      for (const statement of statements) counts.push((await runPostgres(client, this.config(statement))).rowCount ?? 0);
      await client.query('COMMIT');
      return counts;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private config(statement: Sql): pg.QueryConfig {
    let named = this.statements.get(statement.parts);
    if (!named) {
      const text = statement.parts.reduce((all, part, i) => `${all}$${i}${part}`);
      named = { name: `openmsg_direct_${this.statements.size + 1}`, text };
      this.statements.set(statement.parts, named);
    }
    const values = statement.values.map((value) => (value instanceof Date ? value.toISOString() : value));
    return { name: named.name, text: named.text, values, types: pgTypes };
  }
}

async function runPostgres(client: pg.Pool | pg.PoolClient, config: pg.QueryConfig): Promise<pg.QueryResult> {
  try {
    return await client.query(config);
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw new UniqueViolationError(error);
    throw error;
  }
}
