import pg from 'pg';
import { parseDatabaseUrl } from './database-url';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more (the default build). */
export const NOTIFY_PAYLOAD_LIMIT_BYTES = 7999;
/** Payloads kept while the connection is down, sent once it is back; beyond this the oldest are dropped. */
const MAX_WAITING_PAYLOADS = 1000;

export interface NotificationHandlers {
  /** A payload another connection sent on the channel (this connection's own are not handed back). */
  onNotification(payload: string): void;
  /** The connection was lost and is listening again: notifications sent in between were missed. */
  onReconnected(): void;
  /** For the log: the connection was lost (it is retried), or payloads were dropped. */
  onTrouble(what: string, error?: Error): void;
}

export interface NotificationOptions {
  /** First retry after this long, doubling up to `retryMaxMs` (with jitter). */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/**
 * LISTEN and NOTIFY on one dedicated connection of its own (not a pooled one: a LISTEN belongs to
 * its session). It sends what it is given in order, one statement at a time, all payloads waiting
 * at that moment in one round trip. A lost connection is reopened with backoff; payloads given
 * meanwhile are sent once it is back.
 */
export class PostgresNotifications {
  private client: pg.Client | null = null;
  private waiting: string[] = [];
  private sending = false;
  private closed = false;
  private failures = 0;
  private everListened = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
    options: NotificationOptions = {},
  ) {
    this.retryBaseMs = options.retryBaseMs ?? 200;
    this.retryMaxMs = options.retryMaxMs ?? 10_000;
  }

  /** Connects and listens; when that fails, keeps retrying in the background (resolves either way). */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Sends each payload (each under {@link NOTIFY_PAYLOAD_LIMIT_BYTES}) to every connection listening on the channel. */
  notify(payloads: string[]): void {
    if (this.closed || payloads.length === 0) return;
    this.waiting.push(...payloads);
    if (this.waiting.length > MAX_WAITING_PAYLOADS) {
      const dropped = this.waiting.splice(0, this.waiting.length - MAX_WAITING_PAYLOADS);
      this.handlers.onTrouble(`${dropped.length} notifications dropped while the connection was down`);
    }
    void this.send();
  }

  /** Sends what is waiting (when connected), then closes; no reconnecting after this. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    while (this.sending) await new Promise((resolve) => setImmediate(resolve));
    if (this.client) await this.send(true);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    // application_name lets an operator (and the tests) find this connection in pg_stat_activity.
    const client = new pg.Client({ connectionString: this.url, application_name: `openmsg-events ${process.pid}` });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.handlers.onTrouble('event connection lost; reconnecting', error);
      this.retryLater();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel !== this.channel || message.processId === processIdOf(client)) return;
      if (message.payload !== undefined) this.handlers.onNotification(message.payload);
    });
    try {
      await client.connect();
      // A notification is worth nothing after a crash (the streams resync), so its commit does not
      // wait for the disk. A statement, not a startup option: connection poolers refuse those.
      await client.query('SET synchronous_commit = off');
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (lost) return;
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    const reconnected = this.everListened;
    this.everListened = true;
    void this.send();
    if (reconnected) this.handlers.onReconnected();
  }

  private retryLater(): void {
    clearTimeout(this.retryTimer);
    const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** this.failures++);
    this.retryTimer = setTimeout(() => void this.connect(), ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  /** One statement at a time on the connection; what arrives meanwhile goes with the next one. */
  private async send(evenIfClosed = false): Promise<void> {
    while (!this.sending && this.client && this.waiting.length > 0 && (evenIfClosed || !this.closed)) {
      const client = this.client;
      const batch = this.waiting;
      this.waiting = [];
      this.sending = true;
      try {
        await client.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [this.channel, batch]);
      } catch (error) {
        // A lost connection (it reconnects): send them once it is back. Refused by the database: they never will be.
        if (refusedByDatabase(error)) this.handlers.onTrouble(`${batch.length} notifications refused`, error as Error);
        else this.waiting.unshift(...batch);
        return;
      } finally {
        this.sending = false;
      }
    }
  }
}

/** The backend's process id, which pg reads at connect but does not declare in its types. */
function processIdOf(client: pg.Client): number | undefined {
  return (client as pg.Client & { processID?: number }).processID;
}

/** An error the database answered (a SQLSTATE), other than a lost connection (class 08) or a shutdown or terminated backend (class 57). */
function refusedByDatabase(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08') && !code.startsWith('57');
}

/** What the processes sharing a database say to each other (PostgreSQL's LISTEN/NOTIFY). */
export type NotificationChannel = Pick<PostgresNotifications, 'start' | 'notify' | 'close'>;

/**
 * Notifications between the processes that use the same database (replicas on one PostgreSQL
 * database), or null where there is no other process to tell: a SQLite file serves one node.
 */
export function notificationsBetweenProcesses(
  databaseUrl: string,
  channel: string,
  handlers: NotificationHandlers,
  options: NotificationOptions = {},
): NotificationChannel | null {
  return parseDatabaseUrl(databaseUrl).kind === 'postgresql'
    ? new PostgresNotifications(databaseUrl, channel, handlers, options)
    : null;
}
