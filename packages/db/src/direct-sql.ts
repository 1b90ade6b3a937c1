import type { DatabaseKind } from './database-url';
import type { SqlValue } from './sql-value';
import { BoundQuery, renderQuery, type TypedQuery } from './typed-sql';

export type { SqlValue } from './sql-value';

/**
 * Text that differs between the databases, placed into a statement as sql`... ${fragment} ...`. It
 * is part of the statement's text, not a bound value, so a template must place a fragment at the
 * same position on every call (the text is prepared once per template).
 */
export class DialectText {
  constructor(private readonly text: Readonly<Record<DatabaseKind, string>>) {}

  in(kind: DatabaseKind): string {
    return this.text[kind];
  }
}

/**
 * At the end of the SELECT that picks rows to claim: on PostgreSQL, rows another transaction is
 * claiming at this moment are skipped instead of waited for (each is re-checked under its lock).
 * SQLite has one writer at a time, so there is nothing to skip.
 */
export const skipLockedRows = new DialectText({ postgresql: 'FOR UPDATE SKIP LOCKED', sqlite: '' });

/** A statement written as sql`... ${value} ...`: values are always bound as parameters, never spliced into the text. */
export interface Sql {
  readonly parts: readonly string[];
  readonly values: readonly (SqlValue | DialectText)[];
}

export function sql(parts: TemplateStringsArray, ...values: (SqlValue | DialectText)[]): Sql {
  return { parts, values };
}

/** What DirectSql runs: a query built with `tables` (typed), a prepared one with its values, or hand-written SQL. */
export type Statement = TypedQuery<unknown> | BoundQuery<unknown> | Sql;

/** The row type of a typed statement, as the query builder infers it from the schema. */
export type RowOf<Q> = Q extends BoundQuery<infer Row> ? Row : Q extends TypedQuery<infer Row> ? Row : never;

type Typed = TypedQuery<unknown> | BoundQuery<unknown>;

/**
 * Statements on the same connections Prisma uses, without Prisma's query compiler: the
 * repositories' queries built with `tables` (typed-sql.ts), compiled here for the database in use;
 * on the per-message path a Prisma query costs 0.3-2 ms of CPU and a prepared statement a few
 * microseconds. Rows come back alike on both databases: DateTime columns as Date, Boolean columns
 * as boolean, Int columns as number (a count is a 64-bit integer on PostgreSQL, returned as a
 * string: cast it to INTEGER where a number is wanted).
 *
 * Every difference between the two databases lives behind this interface (and DialectText): the
 * callers never ask which database they are on.
 */
export interface DirectSql {
  /** The rows of a SELECT, typed by the query. */
  query<Q extends Typed>(statement: Q): Promise<RowOf<Q>[]>;
  /** The rows of a hand-written SELECT, whose type the caller asserts (being replaced by typed queries). */
  query<Row>(statement: Sql): Promise<Row[]>;
  /** How many rows a write changed. */
  execute(statement: Statement): Promise<number>;
  /** The rows a write returns (UPDATE ... RETURNING), committed like execute. */
  executeReturning<Q extends Typed>(statement: Q): Promise<RowOf<Q>[]>;
  executeReturning<Row>(statement: Sql): Promise<Row[]>;
  /**
   * Several writes as one transaction, run in order (each sees the ones before it); how many rows
   * each changed. `lockKeys`: the transaction first takes these keys' locks, so that transactions
   * on one key run one after another and each sees every earlier one committed (PostgreSQL:
   * advisory locks, in sorted order so that two never wait for each other in a cycle; SQLite needs
   * none, a write transaction runs alone).
   */
  transaction(statements: Statement[], options?: { lockKeys?: string[] }): Promise<number[]>;
  /**
   * Several INSERT/UPDATE/DELETE statements (without RETURNING) committed together, in one round
   * trip where the database allows (PostgreSQL: one statement of data-modifying WITH parts). They
   * must not depend on each other's effects: on PostgreSQL all of them see the database as it was
   * before. `onlyIfFirstChanges`: the others run only if the first changed a row; each of them
   * must then end with its WHERE clause. How many rows each changed.
   */
  writeTogether(statements: Statement[], options?: { onlyIfFirstChanges?: boolean }): Promise<number[]>;
  /** Keeps the query planner's statistics current (SQLite; PostgreSQL's autovacuum does it by itself). */
  refreshPlannerStatistics(): Promise<void>;
  /** The database's size on disk: SQLite, the file's pages (not the WAL); PostgreSQL, every relation of the node's database. */
  databaseSizeBytes(): Promise<number>;
}

/** A unique key refused a write (the same for both databases). */
export class UniqueViolationError extends Error {
  constructor(cause: unknown) {
    super('unique constraint violated', { cause });
    this.name = 'UniqueViolationError';
  }
}

/** The statement's text in one dialect, its placeholders written by `placeholder` (0-based), and the values to bind. */
export function renderSql(
  statement: Sql,
  kind: DatabaseKind,
  placeholder: (index: number) => string,
): { text: string; values: SqlValue[] } {
  let text = statement.parts[0] as string;
  const values: SqlValue[] = [];
  statement.values.forEach((value, i) => {
    if (value instanceof DialectText) text += value.in(kind);
    else text += placeholder(values.push(value) - 1);
    text += statement.parts[i + 1] as string;
  });
  return { text, values };
}

/** The bound values of a statement whose text is already prepared. */
export function boundValues(statement: Sql): SqlValue[] {
  return statement.values.filter((value): value is SqlValue => !(value instanceof DialectText));
}

/**
 * A statement for one database: `key` stands for its text in the caches of prepared statements
 * (the template of hand-written SQL, the prepared query, or the compiled text), `text()` is asked
 * for only when the key is new.
 */
export interface RenderedStatement {
  key: unknown;
  text: () => string;
  values: SqlValue[];
}

export function renderStatement(
  statement: Statement,
  kind: DatabaseKind,
  placeholder: (index: number) => string,
): RenderedStatement {
  if (statement instanceof BoundQuery) {
    const { text, values } = statement.prepared.render(kind, statement.params as never);
    return { key: statement.prepared, text: () => text, values };
  }
  if ('parts' in statement)
    return {
      key: statement.parts,
      text: () => renderSql(statement, kind, placeholder).text,
      values: boundValues(statement),
    };
  const { text, values } = renderQuery(kind, statement);
  return { key: text, text: () => text, values };
}
