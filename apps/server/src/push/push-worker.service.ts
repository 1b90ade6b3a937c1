import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { StorageFaultMonitor } from '../database/storage-fault-monitor';
import { EventBus } from '../events/event-bus';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { ClaimLoop } from '../runtime/claim-loop';
import { serviceOf } from './push-endpoint';
import { pushPayload } from './push-payload';
import { type ClaimedPush, type PushJobKey, PushQueueRepository } from './push-queue.repository';
import { PushSender } from './push-sender';
import { VapidKeysService } from './vapid-keys.service';

/** Tries per notification; with the default base of 5 s the last is about 10 minutes after the first. */
const MAX_ATTEMPTS = 8;
const RETRY_MAX_MS = 15 * 60_000;
/** A send holds its claim this long at most (the timeout, then some). */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends the notifications of received messages, off the delivery path: the receiver only writes a PushJob row with
 * the message, and this worker, woken by the `push.due` event of the replica that queued them (and polling for
 * retries and for jobs a crashed replica held), claims due jobs, sends each to its push service with bounded
 * concurrency and a timeout, retries 429/5xx/network failures with backoff until the TTL, and drops a subscription
 * its push service calls gone.
 * Logs name the push service's host only: never an endpoint, a key or a message's text.
 */
@Injectable()
export class PushWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PushWorker.name);
  private readonly owner = randomUUID();
  private readonly loop: ClaimLoop<PushJobKey>;
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: PushQueueRepository,
    private readonly sender: PushSender,
    private readonly vapid: VapidKeysService,
    private readonly keys: NodeKeysService,
    private readonly events: EventBus,
    private readonly faults: StorageFaultMonitor,
  ) {
    this.loop = new ClaimLoop<PushJobKey>({
      slots: this.config.push.concurrency,
      sweepMs: this.config.delivery.pollIntervalMs,
      claim: (room) => {
        const now = new Date();
        const leaseUntil = new Date(now.getTime() + this.config.push.timeoutMs + LEASE_MARGIN_MS);
        return this.queue.claimDue(this.owner, now, leaseUntil, room);
      },
      run: (job) => this.attempt(job),
      failed: (error, stage) => {
        if (!this.faults.faultOf(error))
          this.logger.error({
            msg: stage === 'claim' ? 'push poll failed' : 'push attempt crashed',
            error: (error as Error).message,
          });
      },
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.backgroundWork || !this.config.push.enabled) return;
    this.unsubscribe = this.events.subscribe((event) => {
      if (event.type === 'push.due') this.loop.wake();
    });
    this.loop.start();
  }

  /** Takes no new job and waits for the sends under way (each bounded by the timeout). */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.loop.stop();
  }

  wake(): void {
    this.loop.wake();
  }

  private async attempt(key: PushJobKey): Promise<void> {
    try {
      const job = await this.queue.load(key, this.owner);
      const vapid = this.vapid.current;
      if (!job || !vapid) return;
      const now = new Date();
      if (job.muted || job.blocked || this.expired(job, now)) {
        await this.queue.drop(key, this.owner);
        return;
      }
      const payload = pushPayload(
        {
          conversationId: job.conversationId,
          messageId: job.messageId,
          from: job.localName ?? job.otherName ?? job.otherAddress,
          text: job.previews ? this.keys.openBody(job.body) : '',
          files: await this.queue.fileCount(job.messageId),
          sentAt: job.sentAt,
        },
        job.previews,
      );
      const outcome = await this.sender.send(job, payload, vapid);
      const service = serviceOf(job.endpoint);
      switch (outcome.kind) {
        case 'sent':
          await this.queue.sent(key, this.owner, new Date());
          return;
        case 'gone':
          this.logger.log({ msg: 'push subscription gone: dropped', service, status: outcome.status });
          await this.queue.dropSubscription(job.subscriptionId);
          return;
        case 'rejected':
          this.logger.warn({ msg: 'push notification refused', service, reason: outcome.reason });
          await this.queue.failed(key, this.owner, null);
          return;
        case 'retry': {
          const next = this.nextAttempt(job, outcome.retryAfterMs, new Date());
          this.logger.warn({
            msg: 'push notification not sent',
            service,
            reason: outcome.reason,
            retry: next !== null,
          });
          await this.queue.failed(key, this.owner, next);
          return;
        }
      }
    } catch (error) {
      // The lease runs out and a later pull tries again: an unexpected error loses nothing.
      if (!this.faults.faultOf(error))
        this.logger.error({ msg: 'push attempt crashed', error: (error as Error).message });
    }
  }

  private expired(job: Pick<ClaimedPush, 'createdAt'>, now: Date): boolean {
    return now.getTime() - job.createdAt.getTime() > this.config.push.ttlSeconds * 1000;
  }

  /** When to try again, or null when the notification is given up (too many tries, or past its TTL by then). */
  private nextAttempt(job: ClaimedPush, retryAfterMs: number | null, now: Date): Date | null {
    if (job.attempts >= MAX_ATTEMPTS) return null;
    const delay = Math.max(retryAfterMs ?? 0, retryDelayMs(job.attempts, this.config.push.retryBaseMs));
    const next = new Date(now.getTime() + Math.min(delay, RETRY_MAX_MS * 4));
    return this.expired(job, next) ? null : next;
  }
}

/** Exponential backoff with equal jitter (as delivery's): the n-th retry waits between half and all of base·2^(n-1), capped. */
function retryDelayMs(attempt: number, baseMs: number): number {
  const ceiling = Math.min(Math.max(RETRY_MAX_MS, baseMs), baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
