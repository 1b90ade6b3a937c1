import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type NotificationChannel, notificationsBetweenProcesses, NOTIFY_PAYLOAD_LIMIT_BYTES } from '@openmsg/db';
import {
  type AccountEvent,
  ACCOUNT_EVENT_TYPES,
  EventBus,
  type EventListener,
  isAccountEvent,
  type NodeEvent,
} from './event-bus';
import { InProcessEventBus } from './in-process-event-bus';

export const EVENTS_CHANNEL = 'openmsg_events';

/**
 * The event bus. An event goes to this process's listeners at once. Where other processes share the
 * database (replicas on one PostgreSQL database), an account event also goes out as a notification
 * on the channel, which every other replica listens to on a connection of its own (this one's own
 * notifications are not handed back, so each replica hears each event once). Events of the same
 * moment share a notification, as a JSON array. When the connection was lost and is back, the
 * streams are told to resync. A SQLite file serves one process: its events stay in the process.
 */
export class ReplicaEventBus extends EventBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReplicaEventBus.name);
  private readonly local = new InProcessEventBus();
  private readonly notifications: NotificationChannel | null;
  private outgoing: AccountEvent[] = [];
  private flushScheduled = false;

  constructor(databaseUrl: string) {
    super();
    this.notifications = notificationsBetweenProcesses(databaseUrl, EVENTS_CHANNEL, {
      onNotification: (payload) => this.receive(payload),
      onReconnected: () => {
        this.logger.log({ msg: 'event connection back; open streams resync' });
        this.local.deliver({ type: 'streams.resync' }, 'this-replica');
      },
      onTrouble: (what, error) => this.logger.warn({ msg: what, error: error?.message }),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.notifications?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.flush();
    await this.notifications?.close();
  }

  emit(event: NodeEvent): void {
    this.local.deliver(event, 'this-replica');
    if (!this.notifications || !isAccountEvent(event)) return;
    this.outgoing.push(event);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  subscribe(listener: EventListener): () => void {
    return this.local.subscribe(listener);
  }

  private flush(): void {
    this.flushScheduled = false;
    const events = this.outgoing;
    this.outgoing = [];
    this.notifications?.notify(packIntoPayloads(events));
  }

  private receive(payload: string): void {
    let events: unknown;
    try {
      events = JSON.parse(payload);
    } catch {
      events = null;
    }
    if (!Array.isArray(events)) return this.logger.warn({ msg: 'unreadable event notification ignored' });
    for (const event of events) {
      if (isWellFormed(event)) this.local.deliver(event, 'other-replica');
      else this.logger.warn({ msg: 'unknown event ignored', type: String((event as { type?: unknown } | null)?.type) });
    }
  }
}

/** JSON arrays of events, each under PostgreSQL's payload limit. */
export function packIntoPayloads(events: AccountEvent[]): string[] {
  const payloads: string[] = [];
  let parts: string[] = [];
  let bytes = 2;
  for (const event of events) {
    const text = JSON.stringify(event);
    const size = Buffer.byteLength(text) + 1;
    if (parts.length > 0 && bytes + size > NOTIFY_PAYLOAD_LIMIT_BYTES) {
      payloads.push(`[${parts.join(',')}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(text);
    bytes += size;
  }
  if (parts.length > 0) payloads.push(`[${parts.join(',')}]`);
  return payloads;
}

/** From another replica of the same database, so trusted; checked for a replica running another version. */
function isWellFormed(event: unknown): event is AccountEvent {
  const candidate = event as { type?: unknown; accountId?: unknown } | null;
  return (
    typeof candidate?.type === 'string' &&
    ACCOUNT_EVENT_TYPES.has(candidate.type) &&
    typeof candidate.accountId === 'string'
  );
}
