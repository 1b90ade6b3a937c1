import {
  type CompiledQuery,
  type DatabaseConnection,
  DummyDriver,
  Kysely,
  OperationNodeTransformer,
  type OperationNodeSource,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type LimitNode,
  type OffsetNode,
  type OperationNode,
  type QueryId,
  type RawBuilder,
  type RootOperationNode,
  type SelectQueryNode,
  sql,
  type SqlBool,
  SqliteQueryCompiler,
  ValueNode,
  type Expression,
} from 'kysely';
import type { DatabaseKind } from './database-url';
import type { DB } from './database-tables.generated';
import type { SqlValue } from './sql-value';

/** The tables as Kysely sees them, generated from prisma/schema.prisma (prisma-kysely). */
export type Tables = DB;

/** Kysely only builds queries here: running one through it is a mistake, so its driver refuses. */
class BuildOnlyDriver extends DummyDriver {
  override acquireConnection(): Promise<DatabaseConnection> {
    return Promise.reject(new Error('`tables` only builds queries: run them through DirectSql (query, execute, ...)'));
  }
}

/**
 * The query builder of the repositories: `tables.selectFrom('Message').select([...]).where(...)`,
 * typed by the schema. The query is not run here: DirectSql compiles it for the database in use
 * and runs it on its own connections (SQLite's grouped writes, PostgreSQL's group commit), and its
 * rows have the type the builder infers. Both dialects quote names with "" and take the same
 * standard SQL; the differences (placeholders, row locks) are handled when compiling.
 */
export const tables = new Kysely<Tables>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new BuildOnlyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/**
 * `value LIKE pattern ESCAPE '\'` (Kysely's `like` has no ESCAPE): the pattern's `\%` and `\_` are
 * literal on both databases (SQLite has no default escape character, PostgreSQL's is the backslash).
 * `value`: a column's name, or an expression such as `eb.fn('lower', [eb.ref('displayName')])`.
 */
export function likeEscaped(value: string | Expression<string | null>, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${typeof value === 'string' ? sql.ref(value) : value} LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * How many rows of the group meet the condition, as a number on both databases (PostgreSQL's
 * COUNT is a bigint, which pg hands back as a string: hence the cast).
 */
export function countWhere(condition: Expression<SqlBool>): RawBuilder<number> {
  return sql<number>`CAST(COUNT(CASE WHEN ${condition} THEN 1 END) AS INTEGER)`;
}

/** A query made with `tables`; Row is what one of its rows holds (for a write without RETURNING, unused). */
export interface TypedQuery<Row> extends OperationNodeSource {
  compile(): CompiledQuery<Row>;
}

/** Stands in a prepared query for a value given at each run. */
class Parameter {
  constructor(readonly name: string) {}
}

/**
 * A query built and compiled once per database, run many times with new values: for the statements
 * that run for every message, where building and compiling each time (10-20 us) would cost more
 * than running the prepared statement. Made by `preparedQuery`.
 */
export class PreparedQuery<Params extends Record<string, SqlValue>, Row> {
  private node: RootOperationNode | null = null;
  private readonly compiled = new Map<DatabaseKind, { text: string; slots: readonly unknown[] }>();

  constructor(private readonly build: (params: Params) => TypedQuery<Row>) {}

  /** The query with these values, to hand to DirectSql. */
  with(params: Params): BoundQuery<Row> {
    return new BoundQuery(this, params);
  }

  /** Its text for the database, and its values in placeholder order. */
  render(kind: DatabaseKind, params: Params): { text: string; values: SqlValue[] } {
    let compiled = this.compiled.get(kind);
    if (!compiled) {
      this.node ??= this.build(parameterStandIns<Params>()).toOperationNode() as RootOperationNode;
      const { sql, parameters } = compileNode(kind, this.node);
      compiled = { text: sql, slots: parameters };
      this.compiled.set(kind, compiled);
    }
    const values = compiled.slots.map(
      (slot) => (slot instanceof Parameter ? valueOf(params, slot.name) : slot) as SqlValue,
    );
    return { text: compiled.text, values };
  }
}

/** A prepared query and its values for one run. */
export class BoundQuery<Row> {
  /** Carries the row type; never set. */
  declare readonly row?: Row;

  constructor(
    readonly prepared: PreparedQuery<never, Row>,
    readonly params: Record<string, SqlValue>,
  ) {}
}

/**
 * `preparedQuery((p: { id: string }) => tables.selectFrom('Message').selectAll().where('id', '=', p.id))`:
 * `p`'s fields stand for the values given to `.with({ id })` at each run. The builder runs once, so
 * it must not look at the values (no branching on them, no lists of varying length: build those
 * queries each time instead).
 */
export function preparedQuery<Params extends Record<string, SqlValue>, Row>(
  build: (params: Params) => TypedQuery<Row>,
): PreparedQuery<Params, Row> {
  return new PreparedQuery(build);
}

function valueOf(params: Record<string, SqlValue>, name: string): SqlValue {
  const value = params[name];
  if (value === undefined) throw new Error(`prepared query: no value for ${name}`);
  return value;
}

function parameterStandIns<Params>(): Params {
  return new Proxy({}, { get: (_, name) => (typeof name === 'string' ? new Parameter(name) : undefined) }) as Params;
}

const ROW_LOCKS = new Set(['ForUpdate', 'ForNoKeyUpdate', 'ForShare', 'ForKeyShare', 'NoWait', 'SkipLocked']);

/**
 * What is compiled differently from Kysely's own compilers:
 * - A constant LIMIT or OFFSET is written into the text: SQLite runs `LIMIT ?` several times
 *   slower than `LIMIT 1` (15 us against 3 us a run, here). A limit a prepared query takes per run
 *   stays bound.
 * - SQLite has no row locks (one writer at a time, nothing to wait for or skip): a claim written for
 *   PostgreSQL with `.forUpdate().skipLocked()` runs there without them.
 */
class DialectTransformer extends OperationNodeTransformer {
  constructor(private readonly rowLocks: boolean) {
    super();
  }

  protected override transformSelectQuery(node: SelectQueryNode, queryId?: QueryId): SelectQueryNode {
    const transformed = super.transformSelectQuery(node, queryId);
    if (this.rowLocks || !transformed.endModifiers) return transformed;
    return {
      ...transformed,
      endModifiers: transformed.endModifiers.filter(
        (modifier) => !modifier.modifier || !ROW_LOCKS.has(modifier.modifier),
      ),
    };
  }

  protected override transformLimit(node: LimitNode, queryId?: QueryId): LimitNode {
    const transformed = super.transformLimit(node, queryId);
    return { ...transformed, limit: constantInText(transformed.limit) };
  }

  protected override transformOffset(node: OffsetNode, queryId?: QueryId): OffsetNode {
    const transformed = super.transformOffset(node, queryId);
    return { ...transformed, offset: constantInText(transformed.offset) };
  }
}

function constantInText(node: OperationNode): OperationNode {
  if (!ValueNode.is(node) || node.immediate) return node;
  const { value } = node;
  return typeof value === 'number' && Number.isSafeInteger(value) ? ValueNode.createImmediate(value) : node;
}

const transformers = { postgresql: new DialectTransformer(true), sqlite: new DialectTransformer(false) };
const compilers = { postgresql: new PostgresQueryCompiler(), sqlite: new SqliteQueryCompiler() };
const QUERY_ID: QueryId = { queryId: 'openmsg' };

function compileNode(kind: DatabaseKind, node: RootOperationNode): CompiledQuery {
  return compilers[kind].compileQuery(transformers[kind].transformNode(node), QUERY_ID);
}

/** A query's text for the database and its values (Kysely's parameters are the schema's column types: SqlValues). */
export function renderQuery(kind: DatabaseKind, query: TypedQuery<unknown>): { text: string; values: SqlValue[] } {
  const { sql, parameters } = compileNode(kind, query.toOperationNode() as RootOperationNode);
  return { text: sql, values: parameters as SqlValue[] };
}
