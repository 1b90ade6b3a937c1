import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { StorageFaultMonitor } from '../database/storage-fault-monitor';
import { EventBus } from '../events/event-bus';
import { DeliveryAttemptService, type PreparedAttempt } from './delivery-attempt.service';
import {
  type ClaimedMessage,
  type DeliveryConnection,
  type DeliveryLease,
  DeliveryQueueRepository,
} from './delivery-queue.repository';

/**
 * A new message's first attempt, made ready before the message is written: the row is written
 * already claimed under `lease` (no claim, no reload) and with `prepared.entry` in the outbox (one
 * write instead of two). The writer then hands the message back to deliverNew, or to
 * dropFirstAttempt if the write failed.
 */
export interface FirstAttempt {
  readonly lease: DeliveryLease;
  readonly prepared: PreparedAttempt;
}

/**
 * Runs deliveries: a message just written right away, without claiming or reading it back (see
 * prepareFirstAttempt), and by pulling from the queue for retries, for messages that found no room,
 * and for messages whose process died mid-delivery. At most `concurrency` attempts run at once; the rest wait in the
 * database, where nothing is lost.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  /** Distinguishes this process's leases from those of a previous run or another replica. */
  private readonly owner = randomUUID();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** First attempts prepared for messages still being written, by message ID. */
  private readonly firstAttempts = new Map<string, FirstAttempt>();
  /** Slots a claim from the queue holds while it runs. */
  private claiming = 0;
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

  /** Graceful shutdown: take no new work, let attempts under way (and first attempts already prepared) finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.inFlight.size > 0 || this.firstAttempts.size > 0) {
      // Not Promise.allSettled of nothing: it settles at once, and the loop would starve the claim it waits for.
      const underWay = [...this.inFlight.values()];
      await (underWay.length > 0 ? Promise.race([Promise.allSettled(underWay), sleep(10)]) : sleep(10));
    }
  }

  /**
   * Room for the first attempt of a message about to be written, its attempt sealed and hashed; null
   * when every slot is taken (the message is then written queued, and kicked once written).
   */
  prepareFirstAttempt(
    message: { id: string; text: string },
    connection: DeliveryConnection,
    now = new Date(),
  ): FirstAttempt | null {
    if (this.stopped || this.busy() >= this.config.delivery.concurrency) {
      this.leftWaitingForRoom();
      return null;
    }
    const first = { lease: this.lease(now), prepared: this.attempts.prepare(message.id, message.text, connection) };
    this.firstAttempts.set(message.id, first);
    return first;
  }

  /** A message just written claimed with its first attempt (prepareFirstAttempt): the attempt runs now. */
  deliverNew(message: ClaimedMessage): void {
    const first = this.firstAttempts.get(message.id);
    if (!first) throw new Error(`no first attempt was prepared for message ${message.id}`);
    this.firstAttempts.delete(message.id);
    this.track(message.id, this.attempt(message, first.prepared));
  }

  /** The message's write failed: the room its first attempt held is free again. */
  dropFirstAttempt(messageId: string): void {
    if (this.firstAttempts.delete(messageId)) this.slotFreed();
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
    return this.inFlight.size + this.firstAttempts.size + this.claiming;
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
    if (this.config.delivery.concurrency - this.busy() < Math.max(1, Math.floor(this.config.delivery.concurrency / 8)))
      return;
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
          this.claiming += wanted; // held while the claim runs, so that a send meanwhile cannot overfill the worker
          try {
            claimed = await this.queue.claimDue(this.lease(now), now, wanted);
          } finally {
            this.claiming -= wanted;
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
      if (!this.faults.faultOf(error))
        this.logger.error({ msg: 'delivery poll failed', error: (error as Error).message });
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
      if (state)
        this.events.emit({ type: 'message.updated', accountId: message.accountId, messageId: message.id, state });
      if (state === 'queued' || state === 'failed')
        this.events.emit({ type: 'delivery.attempt-failed', messageId: message.id });
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
