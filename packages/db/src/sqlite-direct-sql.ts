import type BetterSqlite3 from 'better-sqlite3';
import {
  type DirectSql,
  type RenderedStatement,
  renderStatement,
  type Statement,
  type SqlValue,
  UniqueViolationError,
} from './direct-sql';

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
  private readonly statements = new Map<unknown, SqliteStatement>();
  private pending: PendingWrite[] = [];
  private flushScheduled = false;
  private lastCommitAt = 0;
  /** The connection as last seen open, so that a statement need not wait for a turn to get it. */
  private open: BetterSqlite3.Database | null = null;

  constructor(private readonly connection: () => Promise<BetterSqlite3.Database>) {}

  /** Runs at once: reads need no commit. */
  async query<Row>(statement: Statement): Promise<Row[]> {
    return this.all<Row>(await this.ready(), statement);
  }

  execute(statement: Statement): Promise<number> {
    return this.write((db) => this.run(db, statement), false);
  }

  executeReturning<Row>(statement: Statement): Promise<Row[]> {
    return this.write((db) => this.all<Row>(db, statement), false);
  }

  /** No locks needed: a write transaction runs start to end in one turn, alone. */
  transaction(statements: Statement[]): Promise<number[]> {
    return this.write((db) => statements.map((statement) => this.run(db, statement)), statements.length > 1);
  }

  writeTogether(statements: Statement[], options: { onlyIfFirstChanges?: boolean } = {}): Promise<number[]> {
    if (!options.onlyIfFirstChanges) return this.transaction(statements);
    const [first, ...rest] = statements;
    if (!first) return Promise.resolve([]);
    return this.write((db) => {
      const changed = this.run(db, first);
      return [changed, ...rest.map((statement) => (changed > 0 ? this.run(db, statement) : 0))];
    }, rest.length > 0);
  }

  /** Analyses only the tables that need it, so running it every hour costs next to nothing. */
  async refreshPlannerStatistics(): Promise<void> {
    (await this.ready()).pragma('optimize');
  }

  async databaseSizeBytes(): Promise<number> {
    const db = await this.ready();
    return Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));
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
    /** The error that ended the whole transaction (disk full, I/O, read-only): every write of the batch fails with it. */
    let rolledBackBy: unknown = null;
    // IMMEDIATE: take the write lock at BEGIN, so a reader in another process cannot make the upgrade fail.
    const commit = db.transaction(() => {
      for (const write of batch) {
        if (rolledBackBy) throw rolledBackBy;
        try {
          // A failing statement undoes only itself (SQLite's statement journal); several need a savepoint.
          outcomes.push({ ok: true, value: write.several ? db.transaction(() => write.work(db))() : write.work(db) });
        } catch (error) {
          outcomes.push({ ok: false, error });
          if (!db.inTransaction) rolledBackBy = error;
        }
      }
      // Without a transaction the commit would fail with "no transaction is active", hiding the cause.
      if (rolledBackBy) throw rolledBackBy;
    });
    try {
      commit.immediate();
    } catch (error) {
      batch.forEach((write) => write.reject(rolledBackBy ?? error));
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

  private all<Row>(db: BetterSqlite3.Database, statement: Statement): Row[] {
    const rendered = renderStatement(statement, 'sqlite', () => '?');
    const prepared = this.prepare(db, rendered);
    const rows = runSqlite(() => prepared.statement.all(...bindSqlite(rendered.values))) as Record<string, unknown>[];
    for (const row of rows) {
      for (const column of prepared.dates) if (row[column] !== null) row[column] = new Date(row[column] as number);
      for (const column of prepared.booleans) if (row[column] !== null) row[column] = row[column] !== 0;
    }
    return rows as Row[];
  }

  private run(db: BetterSqlite3.Database, statement: Statement): number {
    const rendered = renderStatement(statement, 'sqlite', () => '?');
    const prepared = this.prepare(db, rendered);
    return runSqlite(() => prepared.statement.run(...bindSqlite(rendered.values)).changes);
  }

  private async ready(): Promise<BetterSqlite3.Database> {
    const known = this.open;
    if (known?.open && !known.inTransaction) return known;
    const db = await this.connection();
    while (db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    this.open = db;
    return db;
  }

  private prepare(db: BetterSqlite3.Database, statement: RenderedStatement): SqliteStatement {
    let prepared = this.statements.get(statement.key);
    if (!prepared) {
      // Prisma's adapter turns safe integers on for the connection; Int columns fit a number.
      const compiled = db.prepare(statement.text()).safeIntegers(false);
      const columns = compiled.reader ? compiled.columns() : [];
      const declared = (type: string) =>
        columns.filter((column) => column.type?.toUpperCase() === type).map((column) => column.name);
      prepared = { statement: compiled, dates: declared('DATETIME'), booleans: declared('BOOLEAN') };
      this.statements.set(statement.key, prepared);
    }
    return prepared;
  }
}

function bindSqlite(values: readonly SqlValue[]): unknown[] {
  // DateTime columns hold milliseconds since the epoch (the adapter's unixepoch-ms format).
  return values.map((value) =>
    value instanceof Date ? value.getTime() : typeof value === 'boolean' ? (value ? 1 : 0) : value,
  );
}

function runSqlite<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
      throw new UniqueViolationError(error);
    throw error;
  }
}
