import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { StorageFaultMonitor } from '../database/storage-fault-monitor';
import { EventBus } from '../events/event-bus';
import { type FetchLease, FetchQueueRepository } from './fetch-queue.repository';
import { FileFetchService, type HeldLease } from './file-fetch.service';

/** Files fetched at once by one process: each streams from the network into the database, one chunk at a time. */
export const FETCH_CONCURRENCY = 4;

/** The process event a write of received files emits (wire's writeIncoming), so that their fetch starts at once. */
export const FETCH_DUE_EVENT = 'attachments.fetch-due';

/**
 * Runs the fetches of received files and their receipts (docs/extensions/files.md §4, §8), durably like delivery:
 * the queue is the Attachment table (FetchQueueRepository), each file is claimed with a lease that the attempt keeps
 * alive while it streams, so a killed process's file is taken over (and resumed from its chunks) once the lease runs
 * out, and two processes never fetch the same file. Woken by the fetch-due event, and polling for retries.
 */
@Injectable()
export class FetchWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FetchWorker.name);
  private readonly owner = randomUUID();
  private readonly inFlight = new Map<string, { task: Promise<void>; abort: AbortController }>();
  private timer: NodeJS.Timeout | null = null;
  private pulling = false;
  private pullAgain = false;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: FetchQueueRepository,
    private readonly fetcher: FileFetchService,
    private readonly events: EventBus,
    private readonly faults: StorageFaultMonitor,
  ) {}

  onApplicationBootstrap(): void {
    // With files off this node neither fetches nor tells (files.md §1: it announces nothing, so it was sent nothing new).
    if (!this.config.backgroundWork || !this.config.files.enabled) {
      this.stopped = true;
      return;
    }
    this.unsubscribe = this.events.subscribe((event) => {
      if (event.type === FETCH_DUE_EVENT) this.wake();
    });
    this.scheduleSweep(0);
  }

  /** Takes no new file; the fetches under way stop where they are (their chunks are kept) and leave the file due now. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    for (const { abort } of this.inFlight.values()) abort.abort();
    await Promise.allSettled([...this.inFlight.values()].map(({ task }) => task));
  }

  /** Received files were written: look for due work now rather than at the next sweep. */
  wake(): void {
    if (this.stopped) return;
    void this.pull();
  }

  private scheduleSweep(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.pull().finally(() => this.scheduleSweep(this.config.delivery.pollIntervalMs));
    }, delayMs);
    this.timer.unref();
  }

  private lease(now = new Date()): FetchLease {
    return { owner: this.owner, leaseUntil: new Date(now.getTime() + this.config.delivery.leaseSeconds * 1000) };
  }

  private async pull(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = true;
    try {
      do {
        this.pullAgain = false;
        const room = FETCH_CONCURRENCY - this.inFlight.size;
        if (room <= 0 || this.stopped) break;
        const now = new Date();
        const claimed = await this.queue.claimDue(this.lease(now), now, room);
        for (const id of claimed) this.start(id);
      } while (this.pullAgain);
    } catch (error) {
      if (!this.faults.faultOf(error))
        this.logger.error({ msg: 'file fetch poll failed', error: (error as Error).message });
    } finally {
      this.pulling = false;
    }
  }

  private start(id: string): void {
    const abort = new AbortController();
    const task = this.attempt(id, abort).finally(() => {
      this.inFlight.delete(id);
      // A slot is free: the next due file need not wait for the sweep.
      if (!this.stopped) setImmediate(() => void this.pull());
    });
    this.inFlight.set(id, { task, abort });
  }

  private async attempt(id: string, abort: AbortController): Promise<void> {
    try {
      const file = await this.queue.loadClaimed(id, this.owner);
      if (!file) return;
      await this.fetcher.run(file, this.heldLease(id, abort));
    } catch (error) {
      // The lease runs out and a later pull tries again: an unexpected error loses nothing.
      if (!this.faults.faultOf(error) && !abort.signal.aborted)
        this.logger.error({ msg: 'file fetch attempt crashed', attachment: id, error: (error as Error).message });
    }
  }

  private heldLease(id: string, abort: AbortController): HeldLease {
    let renewedAt = Date.now();
    const renewEveryMs = (this.config.delivery.leaseSeconds * 1000) / 3;
    return {
      owner: this.owner,
      signal: abort.signal,
      keep: async () => {
        if (abort.signal.aborted) throw new Error('the fetch was stopped');
        if (Date.now() - renewedAt < renewEveryMs) return;
        renewedAt = Date.now();
        if (!(await this.queue.renewLease(id, this.lease()))) {
          abort.abort();
          throw new Error('the lease on the file was lost');
        }
      },
    };
  }
}
