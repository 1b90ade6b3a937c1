import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NodeEvents } from '../events/node-events';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { DeliveryQueueRepository } from './delivery-queue.repository';

/**
 * Runs deliveries: right away for a message just sent (no polling delay), and by polling the
 * queue for retries and for messages whose process died mid-delivery. At most `concurrency`
 * attempts run at once; the rest wait in the database, where nothing is lost.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  /** Distinguishes this process's leases from those of a previous run or another replica. */
  private readonly owner = randomUUID();
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private stopped = false;
  /** More is due than there was room for: each finished delivery then pulls the next at once. */
  private backlog = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: DeliveryQueueRepository,
    private readonly attempts: DeliveryAttemptService,
    private readonly events: NodeEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.schedulePoll(0);
  }

  /** Graceful shutdown: take no new work, let attempts under way finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Called after a message is queued: try it now if there is room, else the poller will. */
  kick(messageId: string): void {
    if (this.stopped) return;
    if (this.inFlight.size >= this.config.delivery.concurrency) {
      this.backlog = true;
      return;
    }
    this.run(messageId);
  }

  private schedulePoll(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delayMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    let mayBeMore = false;
    try {
      const room = this.config.delivery.concurrency - this.inFlight.size;
      if (room > 0) {
        const ids = (await this.queue.findDueIds(new Date(), room)).filter((id) => !this.inFlight.has(id));
        ids.forEach((id) => this.run(id));
        mayBeMore = ids.length === room;
      } else {
        mayBeMore = true;
      }
    } catch (error) {
      this.logger.error({ msg: 'delivery poll failed', error: (error as Error).message });
    } finally {
      this.polling = false;
      this.backlog = mayBeMore;
      this.schedulePoll(mayBeMore ? 50 : this.config.delivery.pollIntervalMs);
    }
  }

  private run(messageId: string): void {
    if (this.inFlight.has(messageId)) return;
    const task = this.deliver(messageId).finally(() => {
      this.inFlight.delete(messageId);
      // Without this, a full worker would idle until the next poll while messages wait.
      if (this.backlog && !this.polling) this.schedulePoll(0);
    });
    this.inFlight.set(messageId, task);
  }

  private async deliver(messageId: string): Promise<void> {
    try {
      const now = new Date();
      const leaseUntil = new Date(now.getTime() + this.config.delivery.leaseSeconds * 1000);
      if (!(await this.queue.claim(messageId, this.owner, leaseUntil, now))) return;
      const result = await this.attempts.attempt(messageId, this.owner);
      if (result) this.events.emit({ type: 'message.state', accountId: result.accountId, messageId, state: result.state });
    } catch (error) {
      // The lease runs out and the poller retries: an unexpected error loses nothing.
      this.logger.error({ msg: 'delivery attempt crashed', message: messageId, error: (error as Error).message });
    }
  }
}
