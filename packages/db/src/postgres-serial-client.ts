import pg from 'pg';

type Callback = (error: Error | null, result?: unknown) => void;

/**
 * A pg client that runs one query at a time: a query asked for while another is under way waits
 * for it, in order. pg queues such queries by itself, but that is deprecated ("Calling
 * client.query() when the client is already executing a query", refused from pg 9), and Prisma
 * does it: its PostgreSQL adapter runs the parts of a createMany larger than the bind-parameter
 * limit concurrently, inside one transaction, on one client. They ran one after the other anyway.
 * (test/database/one-query-per-connection.test.ts)
 */
export class OneQueryAtATimeClient extends pg.Client {
  private previous: Promise<unknown> = Promise.resolve();

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // A connection lost while the pool has lent this client out (the server stopped, the network cut)
    // fails the queries under way, and is also emitted as 'error', which the pool only listens to
    // while the client is idle: unheard, it would end the process. The pool drops the client when
    // it comes back (it is no longer queryable).
    this.on('error', () => undefined);
  }

  // pg's query has a dozen overloads (text, config, callback, Submittable); this keeps all of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    const runNow = (): unknown => (super.query as (...all: unknown[]) => unknown).apply(this, args);
    // A Submittable (a cursor, a stream) is driven by pg itself; nothing in Openmsg uses one. In
    // pg's pipeline mode (the `pipeline` option) queries share the connection by design.
    if (
      (this as { pipeline?: boolean }).pipeline ||
      typeof (args[0] as { submit?: unknown } | null | undefined)?.submit === 'function'
    )
      return runNow();
    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : undefined;
    const run = this.previous.then(runNow);
    this.previous = run.catch(() => undefined);
    if (!callback) return run;
    run.then(
      (result) => callback(null, result),
      (error: Error) => callback(error),
    );
    return undefined;
  }
}
