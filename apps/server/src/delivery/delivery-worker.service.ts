import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { StorageFaultMonitor } from '../database/storage-fault-monitor';
import { EventBus } from '../events/event-bus';
import { DeliveryAttemptService, type PreparedAttempt } from './delivery-attempt.service';
import { type ClaimedMessage, type DeliveryConnection, type DeliveryLease, DeliveryQueueRepository } from './delivery-queue.repository';
import type { NewOutboxEntry } from './outbox.repository';

/** What the sender has in hand of a message it just inserted with a slot's lease, and of its connection. */
export interface NewMessage {
  id: string;
  accountId: string;
  body: string;
  deliverBy: Date;
  createdAt: Date;
}
export interface SendingConnection {
  id: string;
  otherAddress: string;
  otherAcceptsMessages: boolean;
  authCode: string;
  identCode: string;
  messageCryptKey: string;
  accountDisplayName: string;
}

/** A place among this process's deliveries, taken before a new message is inserted. */
export interface DeliverySlot {
  /** Written by the insert: the new row is created already claimed by this process, for its first attempt. */
  readonly lease: DeliveryLease;
  /** Seals and hashes the first attempt before the insert; the insert writes the outbox entry it returns. */
  prepare(messageId: string, text: string, connection: SendingConnection): NewOutboxEntry;
  /** Runs the first attempt of the message inserted with this lease, without reading it back. */
  start(message: NewMessage, connection: SendingConnection): void;
  /** The insert failed: the place is free again. */
  release(): void;
}

/**
 * Runs deliveries: a message just sent right away, without reading it back (see reserve), and by
 * pulling from the queue for retries, for messages that found no room, and for messages whose
 * process died mid-delivery. At most `concurrency` attempts run at once; the rest wait in the
 * database, where nothing is lost.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  /** Distinguishes this process's leases from those of a previous run or another replica. */
  private readonly owner = randomUUID();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Slots handed out whose message is still being inserted. */
  private reserved = 0;
  private timer: NodeJS.Timeout | null = null;
  private pulling = false;
  /** A pull was asked for while one ran: it runs again as soon as it ends. */
  private pullAgain = false;
  private stopped = false;
  /** Due messages were left in the queue for lack of room: freed slots pull the next at once. */
  private backlog = false;
  /**
   * Counts the messages left in the queue for lack of room. A pull whose claim began before one of
   * them was committed cannot have seen it, so it must not conclude that the queue is empty: the
   * message would wait for the next sweep (up to OPENMSG_DELIVERY_POLL_MS) with slots free.
   */
  private leftWaiting = 0;
  private pullScheduled = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: DeliveryQueueRepository,
    private readonly attempts: DeliveryAttemptService,
    private readonly events: EventBus,
    private readonly faults: StorageFaultMonitor,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.backgroundWork) this.scheduleSweep(0);
    else this.stopped = true;
  }

  /** Graceful shutdown: take no new work, let attempts under way (and slots already handed out) finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.inFlight.size > 0 || this.reserved > 0) {
      // Not Promise.allSettled of nothing: it settles at once, and the loop would starve the claim it waits for.
      const underWay = [...this.inFlight.values()];
      await (underWay.length > 0 ? Promise.race([Promise.allSettled(underWay), sleep(10)]) : sleep(10));
    }
  }

  /**
   * A slot for a message about to be inserted, or null when all are taken (the message is then
   * inserted as queued and pulled when a slot frees). Creating the row already claimed saves the
   * claim and the reload that an attempt from the queue needs.
   */
  reserve(now = new Date()): DeliverySlot | null {
    if (this.stopped || this.busy() >= this.config.delivery.concurrency) {
      this.leftWaitingForRoom();
      return null;
    }
    this.reserved++;
    let open = true;
    let prepared: PreparedAttempt | null = null;
    const close = () => {
      if (open) this.reserved--;
      open = false;
    };
    return {
      lease: this.lease(now),
      prepare: (messageId, text, connection) => {
        prepared = this.attempts.prepare(messageId, text, deliveryConnection(connection));
        return prepared.entry;
      },
      start: (message, connection) => {
        close();
        const claimed = { ...message, attempts: 1, connectionId: connection.id, connection: deliveryConnection(connection) };
        this.track(message.id, this.attempt(claimed, prepared));
      },
      release: () => {
        close();
        this.slotFreed();
      },
    };
  }

  /** A message was put back in the queue (a retry by its sender): claim it now if there is room. */
  kick(messageId: string): void {
    if (this.stopped) return;
    if (this.busy() >= this.config.delivery.concurrency) {
      this.leftWaitingForRoom();
      return;
    }
    if (!this.inFlight.has(messageId)) this.track(messageId, this.claimAndAttempt(messageId));
  }

  private leftWaitingForRoom(): void {
    this.backlog = true;
    this.leftWaiting++;
  }

  private busy(): number {
    return this.inFlight.size + this.reserved;
  }

  private lease(now: Date): DeliveryLease {
    return { owner: this.owner, leaseUntil: new Date(now.getTime() + this.config.delivery.leaseSeconds * 1000) };
  }

  private track(messageId: string, task: Promise<void>): void {
    this.inFlight.set(messageId, task);
    void task.finally(() => {
      if (this.inFlight.get(messageId) === task) this.inFlight.delete(messageId);
      this.slotFreed();
    });
  }

  private slotFreed(): void {
    // Without this, a full worker would idle until the next sweep while messages wait. Waiting for
    // a few free slots lets one claim serve several messages; the sweep takes any remainder.
    if (!this.backlog || this.stopped || this.pullScheduled) return;
    if (this.config.delivery.concurrency - this.busy() < Math.max(1, Math.floor(this.config.delivery.concurrency / 8))) return;
    this.pullScheduled = true;
    setImmediate(() => {
      this.pullScheduled = false;
      void this.pull(false);
    });
  }

  /** The regular pull, which also takes over messages whose lease ran out. */
  private scheduleSweep(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.pull(true).finally(() => this.scheduleSweep(this.config.delivery.pollIntervalMs));
    }, delayMs);
    this.timer.unref();
  }

  /** Claims due messages into the free slots. One pull at a time; one asked for meanwhile follows at once. */
  private async pull(sweep: boolean): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = true;
    try {
      do {
        this.pullAgain = false;
        const room = this.config.delivery.concurrency - this.busy();
        if (room <= 0 || this.stopped) break;
        const now = new Date();
        const leftWaitingBefore = this.leftWaiting;
        const expired = sweep ? await this.queue.findExpiredLeaseIds(now, room) : [];
        for (const id of expired) if (!this.inFlight.has(id)) this.track(id, this.claimAndAttempt(id));
        const wanted = room - expired.length;
        let claimed: ClaimedMessage[] = [];
        if (wanted > 0) {
          this.reserved += wanted; // held while the claim runs, so that a send meanwhile cannot overfill the worker
          try {
            claimed = await this.queue.claimDue(this.lease(now), now, wanted);
          } finally {
            this.reserved -= wanted;
          }
        }
        for (const message of claimed) this.track(message.id, this.attempt(message));
        const missedSome = this.leftWaiting !== leftWaitingBefore;
        this.backlog = expired.length + claimed.length >= room || missedSome;
        if (missedSome) this.pullAgain = true;
        sweep = false;
      } while (this.pullAgain);
    } catch (error) {
      // A storage fault is logged once when it starts and ends (StorageFaultMonitor), not at every poll.
      if (!this.faults.faultOf(error)) this.logger.error({ msg: 'delivery poll failed', error: (error as Error).message });
    } finally {
      this.pulling = false;
    }
  }

  private async claimAndAttempt(messageId: string): Promise<void> {
    try {
      const now = new Date();
      if (!(await this.queue.claim(messageId, this.lease(now), now))) return;
      const message = await this.queue.loadClaimed(messageId);
      if (message) await this.attempt(message);
    } catch (error) {
      this.crashed(messageId, error);
    }
  }

  private async attempt(message: ClaimedMessage, prepared: PreparedAttempt | null = null): Promise<void> {
    try {
      const state = await this.attempts.attempt(message, this.owner, prepared);
      if (state) this.events.emit({ type: 'message.updated', accountId: message.accountId, messageId: message.id, state });
    } catch (error) {
      this.crashed(message.id, error);
    }
  }

  private crashed(messageId: string, error: unknown): void {
    // The lease runs out and a later pull retries: an unexpected error loses nothing. A storage
    // fault is logged once when it starts and ends (StorageFaultMonitor), not per message.
    if (this.faults.faultOf(error)) return;
    this.logger.error({ msg: 'delivery attempt crashed', message: messageId, error: (error as Error).message });
  }
}

function deliveryConnection(connection: SendingConnection): DeliveryConnection {
  const { otherAddress, otherAcceptsMessages, authCode, identCode, messageCryptKey, accountDisplayName } = connection;
  return { otherAddress, otherAcceptsMessages, authCode, identCode, messageCryptKey, account: { displayName: accountDisplayName } };
}
