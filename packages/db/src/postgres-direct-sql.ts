import pg from 'pg';
import {
  type DirectSql,
  renderStatement,
  type Statement,
  sql,
  type SqlValue,
  UniqueViolationError,
} from './direct-sql';
import { tables } from './typed-sql';
import { type BatchedStatement, BatchingLane, type StatementOutcome } from './postgres-statement-batch';

/** TIMESTAMP(3) columns hold UTC wall-clock time, as Prisma writes them. */
const TIMESTAMP_OID = 1114;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID
      ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** pg_database_size is a bigint: pg hands it back as a string. */
const databaseSize = tables.selectNoFrom((eb) =>
  eb.fn<string>('pg_database_size', [eb.fn('current_database', [])]).as('bytes'),
);

/**
 * Named statements: each pooled connection parses and plans a statement once. Single statements go
 * through two lanes of group commit (BatchingLane), one for reads and one for writes, so that the
 * concurrent deliveries' statements share round trips and commits; a transaction has a connection
 * of its own.
 */
export class PostgresDirectSql implements DirectSql {
  private readonly statements = new Map<unknown, { name: string; text: string }>();
  /** Statements made of several (writeTogether), by their text. */
  private readonly combined = new Map<string, string>();
  private readonly reads: BatchingLane;
  private readonly writes: BatchingLane;

  constructor(private readonly pool: pg.Pool) {
    this.writes = new BatchingLane(pool, pgTypes);
    this.reads = new BatchingLane(pool, pgTypes);
  }

  async query<Row>(statement: Statement): Promise<Row[]> {
    return (await this.run(this.reads, this.batched(statement))).rows as Row[];
  }

  async execute(statement: Statement): Promise<number> {
    return (await this.run(this.writes, this.batched(statement))).rowCount;
  }

  async executeReturning<Row>(statement: Statement): Promise<Row[]> {
    return (await this.run(this.writes, this.batched(statement))).rows as Row[];
  }

  async transaction(statements: Statement[], options: { lockKeys?: string[] } = {}): Promise<number[]> {
    const locks = [...new Set(options.lockKeys ?? [])]
      .sort()
      .map((key) => sql`SELECT pg_advisory_xact_lock(hashtextextended(${`openmsg-${key}`}, 0))`);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const lock of locks) await runPostgres(client, this.config(lock));
      const counts: number[] = [];
      for (const statement of statements)
        counts.push((await runPostgres(client, this.config(statement))).rowCount ?? 0);
      await client.query('COMMIT');
      return counts;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * One statement, WITH w0 AS (... RETURNING 1), w1 AS (...) SELECT the counts: its parts commit
   * together, in one round trip instead of four or more (BEGIN, the writes, COMMIT).
   */
  async writeTogether(statements: Statement[], options: { onlyIfFirstChanges?: boolean } = {}): Promise<number[]> {
    if (statements.length === 0) return [];
    const values: SqlValue[] = [];
    const parts = statements.map((statement, i) => {
      const rendered = renderStatement(statement, 'postgresql', (index) => `$${index + 1}`);
      const text = renumberPlaceholders(rendered.text(), values.length);
      values.push(...rendered.values);
      const guard = options.onlyIfFirstChanges && i > 0 ? ' AND EXISTS (SELECT 1 FROM "w0")' : '';
      return `"w${i}" AS (${text}${guard} RETURNING 1)`;
    });
    const counts = statements.map((_, i) => `CAST((SELECT count(*) FROM "w${i}") AS INTEGER) AS "c${i}"`);
    const text = `WITH ${parts.join(', ')} SELECT ${counts.join(', ')}`;
    let name = this.combined.get(text);
    if (!name) {
      name = `openmsg_together_${this.combined.size + 1}`;
      this.combined.set(text, name);
    }
    const [row] = (await this.run(this.writes, { name, text, values: values.map(bindPostgres) })).rows as Array<
      Record<string, number>
    >;
    return statements.map((_, i) => row?.[`c${i}`] ?? 0);
  }

  /** Autovacuum keeps the statistics current. */
  async refreshPlannerStatistics(): Promise<void> {}

  async databaseSizeBytes(): Promise<number> {
    const [row] = await this.query<{ bytes: string }>(databaseSize);
    return Number(row?.bytes ?? 0);
  }

  private config(statement: Statement): pg.QueryConfig {
    return { ...this.batched(statement), types: pgTypes };
  }

  private batched(statement: Statement): BatchedStatement {
    const rendered = renderStatement(statement, 'postgresql', (index) => `$${index + 1}`);
    let named = this.statements.get(rendered.key);
    if (!named) {
      named = { name: `openmsg_direct_${this.statements.size + 1}`, text: rendered.text() };
      this.statements.set(rendered.key, named);
    }
    return { name: named.name, text: named.text, values: rendered.values.map(bindPostgres) };
  }

  private async run(lane: BatchingLane, statement: BatchedStatement): Promise<StatementOutcome> {
    try {
      return await lane.run(statement);
    } catch (error) {
      throw asUniqueViolation(error);
    }
  }
}

/**
 * `$1` becomes `$(offset + 1)`: the statement's placeholders after those of the statements before
 * it in one combined statement. Names and values never hold a `$n` (values are bound, not spliced).
 */
function renumberPlaceholders(text: string, offset: number): string {
  return offset === 0 ? text : text.replace(/\$(\d+)/g, (_, index: string) => `$${Number(index) + offset}`);
}

/** As text, the way the batch binds every value (PostgreSQL casts it to the column's type). */
/** Bytes go as they are (pg sends a Buffer as a binary parameter: bytea); everything else as text. */
function bindPostgres(value: SqlValue): string | Buffer | null {
  if (value === null || Buffer.isBuffer(value)) return value;
  return value instanceof Date ? value.toISOString() : String(value);
}

async function runPostgres(client: pg.Pool | pg.PoolClient, config: pg.QueryConfig): Promise<pg.QueryResult> {
  try {
    return await client.query(config);
  } catch (error) {
    throw asUniqueViolation(error);
  }
}

function asUniqueViolation(error: unknown): unknown {
  return (error as { code?: unknown }).code === '23505' ? new UniqueViolationError(error) : error;
}
