import pg from 'pg';

/** A named prepared statement and the values to bind (strings, bytes, or null). */
export interface BatchedStatement {
  name: string;
  text: string;
  values: (string | Buffer | null)[];
}

export interface StatementOutcome {
  rows: Record<string, unknown>[];
  rowCount: number;
}

type TypeParsers = { getTypeParser(oid: number, format: 'text'): (text: string) => unknown };

/** What pg's Connection offers a Submittable (as pg-cursor uses it); pg declares none of it. */
interface WireConnection {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(query: { name: string; text: string; types: number[] }): void;
  bind(config: { statement: string; values: (string | Buffer | null)[] }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(config: { portal: string }): void;
  sync(): void;
}

interface Field {
  name: string;
  dataTypeID: number;
}

/** The batch ended in an error the database answered: every statement of it was rolled back. */
export class BatchRolledBackError extends Error {
  constructor(
    override readonly cause: unknown,
    /** The connection is not to be used again: the backend ended it, or the failed statement was being prepared (did it get prepared?). */
    readonly dropConnection: boolean,
  ) {
    super('batch rolled back', { cause });
    this.name = 'BatchRolledBackError';
  }
}

/**
 * Several statements in one round trip, committed together: each as Bind, Describe and Execute
 * (with Parse the first time on this connection), and one Sync after the last. The statements
 * between two Syncs form one implicit transaction (PostgreSQL's protocol, "Pipelining"): all of
 * them commit at the Sync, or an error rolls all of them back. Each statement still sees the ones
 * before it. A pg Submittable, like pg-cursor: pg hands it the backend's answers in order.
 */
export class StatementBatch implements pg.Submittable {
  /** Settles once committed (or rolled back). */
  readonly done: Promise<StatementOutcome[]>;
  /**
   * Resolves once every statement has run, or the batch failed: what is left is the commit, during
   * which the batch holds its row locks but waits for none.
   */
  readonly executed: Promise<void>;
  private resolve!: (outcomes: StatementOutcome[]) => void;
  private reject!: (error: unknown) => void;
  private markExecuted!: () => void;
  private readonly outcomes: StatementOutcome[] = [];
  private fields: Field[] = [];
  private rows: Record<string, unknown>[] = [];
  private parsing = new Set<number>();
  private connection: WireConnection | null = null;
  private settled = false;

  constructor(
    private readonly statements: BatchedStatement[],
    private readonly types: TypeParsers,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.executed = new Promise((resolve) => (this.markExecuted = resolve));
  }

  submit(connection: unknown): void {
    const wire = connection as WireConnection;
    this.connection = wire;
    wire.stream.cork?.();
    try {
      const parsingNow = new Set<string>();
      this.statements.forEach((statement, index) => {
        const known =
          wire.parsedStatements[statement.name] !== undefined ||
          wire.submittedNamedStatements[statement.name] !== undefined;
        if (!known && !parsingNow.has(statement.name)) {
          wire.parse({ name: statement.name, text: statement.text, types: [] });
          parsingNow.add(statement.name);
          this.parsing.add(index);
        }
        wire.bind({ statement: statement.name, values: statement.values });
        wire.describe({ type: 'P', name: '' });
        wire.execute({ portal: '' });
      });
      wire.sync();
    } finally {
      wire.stream.uncork?.();
    }
  }

  handleRowDescription(message: { fields: Field[] }): void {
    this.fields = message.fields;
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    const row: Record<string, unknown> = {};
    this.fields.forEach((field, i) => {
      const text = message.fields[i];
      row[field.name] =
        text === null || text === undefined ? null : this.types.getTypeParser(field.dataTypeID, 'text')(text);
    });
    this.rows.push(row);
  }

  handleCommandComplete(message: { text: string }): void {
    // "INSERT 0 3", "UPDATE 2", "SELECT 1": the last number is the count.
    const count = /(\d+)$/.exec(message.text);
    this.completed({ rows: this.rows, rowCount: count ? Number(count[1]) : 0 });
    this.rows = [];
    this.fields = [];
  }

  handleEmptyQuery(): void {
    this.completed({ rows: [], rowCount: 0 });
  }

  handleError(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.markExecuted();
    const failedIndex = this.outcomes.length;
    this.markParsed(failedIndex);
    // An error the backend answered (a SQLSTATE) ends the implicit transaction with a rollback. A
    // lost connection proves nothing: the Sync may have committed.
    if (error instanceof pg.DatabaseError) {
      const ended = error.severity === 'FATAL' || error.severity === 'PANIC';
      this.reject(new BatchRolledBackError(error, ended || this.parsing.has(failedIndex)));
    } else {
      this.reject(error);
    }
  }

  handleReadyForQuery(): void {
    if (this.settled) return;
    this.settled = true;
    this.markExecuted();
    this.markParsed(this.statements.length);
    this.resolve(this.outcomes);
  }

  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
  handleCopyData(): void {}

  private completed(outcome: StatementOutcome): void {
    this.outcomes.push(outcome);
    if (this.outcomes.length === this.statements.length) this.markExecuted();
  }

  /** The statements before `end` were parsed; those from `end` on were skipped by the backend. */
  private markParsed(end: number): void {
    const wire = this.connection;
    if (!wire) return;
    for (const index of this.parsing) {
      const statement = this.statements[index] as BatchedStatement;
      delete wire.submittedNamedStatements[statement.name];
      if (index < end) wire.parsedStatements[statement.name] = statement.text;
    }
  }
}

interface Waiting {
  statement: BatchedStatement;
  resolve(outcome: StatementOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit for PostgreSQL: statements asked for while a batch runs wait and go together in the
 * next one, so under load many statements share one round trip, one backend wake-up and one
 * commit, and a lone statement goes at once. One batch runs at a time per lane; the next one starts
 * as soon as the one before has run all its statements and only waits for its commit (the flush to
 * disk). A committing batch waits for no lock, so batches of one lane never wait for each other in
 * a cycle, and a statement never waits for another batch's disk flush before it runs.
 *
 * When the database refuses one statement (a unique key, say), the batch was rolled back as a
 * whole: each of its statements then runs again alone, so only the one at fault fails. A lost
 * connection fails the whole batch, since it may have committed.
 */
export class BatchingLane {
  private waiting: Waiting[] = [];
  private running = false;
  private scheduled = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly types: TypeParsers,
    private readonly maxBatch = 64,
  ) {}

  run(statement: BatchedStatement): Promise<StatementOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ statement, resolve, reject });
      if (this.running || this.scheduled) return;
      // The first batch waits for the end of this turn of the event loop: the statements of every request
      // read in the same turn go together (one round trip, one commit) instead of the first alone.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        if (!this.running) void this.drain();
      });
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) await this.start(this.waiting.splice(0, this.maxBatch));
    } finally {
      this.running = false;
    }
  }

  /** Sends the batch; resolves when its statements have run (its callers hear of it once committed). */
  private async start(batch: Waiting[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const submitted = new StatementBatch(
      batch.map((item) => item.statement),
      this.types,
    );
    void client.query(submitted);
    void this.finish(batch, client, submitted);
    await submitted.executed;
  }

  private async finish(batch: Waiting[], client: pg.PoolClient, submitted: StatementBatch): Promise<void> {
    let outcomes: StatementOutcome[];
    try {
      outcomes = await submitted.done;
    } catch (error) {
      client.release(error instanceof BatchRolledBackError && !error.dropConnection ? undefined : (error as Error));
      if (error instanceof BatchRolledBackError) await this.runAlone(batch, error);
      else for (const item of batch) item.reject(error);
      return;
    }
    client.release();
    batch.forEach((item, i) => item.resolve(outcomes[i] as StatementOutcome));
  }

  /** After a rollback: every statement on its own, in order, so that only the failing one fails. */
  private async runAlone(batch: Waiting[], rollback: BatchRolledBackError): Promise<void> {
    if (batch.length === 1) {
      (batch[0] as Waiting).reject(rollback.cause);
      return;
    }
    for (const item of batch) {
      try {
        const result = await this.pool.query({
          name: item.statement.name,
          text: item.statement.text,
          values: item.statement.values,
          types: this.types as pg.CustomTypesConfig,
        });
        item.resolve({ rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 });
      } catch (error) {
        item.reject(error);
      }
    }
  }
}
