import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { StorageFaultMonitor } from '../database/storage-fault-monitor';
import { EventBus } from '../events/event-bus';
import { ClaimLoop } from '../runtime/claim-loop';
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
  private readonly loop: ClaimLoop<string>;
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: FetchQueueRepository,
    private readonly fetcher: FileFetchService,
    private readonly events: EventBus,
    private readonly faults: StorageFaultMonitor,
  ) {
    this.loop = new ClaimLoop<string>({
      slots: FETCH_CONCURRENCY,
      sweepMs: this.config.delivery.pollIntervalMs,
      claim: (room) => {
        const now = new Date();
        return this.queue.claimDue(this.lease(now), now, room);
      },
      run: (id, stopping) => this.attempt(id, stopping),
      failed: (error) => {
        if (!this.faults.faultOf(error))
          this.logger.error({ msg: 'file fetch poll failed', error: (error as Error).message });
      },
      // The fetches under way stop where they are (their chunks are kept) and leave the file due now.
      abortOnStop: true,
    });
  }

  onApplicationBootstrap(): void {
    // With files off this node neither fetches nor tells (files.md §1: it announces nothing, so it was sent nothing new).
    if (!this.config.backgroundWork || !this.config.files.enabled) return;
    this.unsubscribe = this.events.subscribe((event) => {
      if (event.type === FETCH_DUE_EVENT) this.loop.wake();
    });
    this.loop.start();
  }

  /** Takes no new file; the fetches under way stop where they are (their chunks are kept) and leave the file due now. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.loop.stop();
  }

  /** Received files were written: look for due work now rather than at the next sweep. */
  wake(): void {
    this.loop.wake();
  }

  private lease(now = new Date()): FetchLease {
    return { owner: this.owner, leaseUntil: new Date(now.getTime() + this.config.delivery.leaseSeconds * 1000) };
  }

  /** `stopping`: the process stops. The attempt also stops itself when its lease is lost (heldLease). */
  private async attempt(id: string, stopping: AbortSignal): Promise<void> {
    const abort = new AbortController();
    const stop = () => abort.abort();
    stopping.addEventListener('abort', stop, { once: true });
    try {
      const file = await this.queue.loadClaimed(id, this.owner);
      if (!file) return;
      await this.fetcher.run(file, this.heldLease(id, abort));
    } catch (error) {
      // The lease runs out and a later pull tries again: an unexpected error loses nothing.
      if (!this.faults.faultOf(error) && !abort.signal.aborted)
        this.logger.error({ msg: 'file fetch attempt crashed', attachment: id, error: (error as Error).message });
    } finally {
      stopping.removeEventListener('abort', stop);
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
