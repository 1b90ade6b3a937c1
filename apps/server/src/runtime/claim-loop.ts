/**
 * The loop of a durable queue's worker (file fetches, push notifications): claim due work up to a number of slots,
 * run each item, claim again as soon as a slot frees, and sweep on a timer for retries and for work a crashed
 * process held. A wake while a claim is under way is not lost: that claim goes round once more. The claims
 * themselves (leases in the database) are the queue's; this only decides when to ask and how much.
 */
export interface ClaimLoopWork<T> {
  /** Items run at once by this process. */
  slots: number;
  /** How long after a sweep the next one starts. */
  sweepMs: number;
  /** Claims at most `room` due items (each leased to this process). */
  claim(room: number): Promise<T[]>;
  /** Runs one item; `signal` aborts when the process stops, if `abortOnStop`. Never rejects on purpose: a rejection is reported. */
  run(item: T, signal: AbortSignal): Promise<void>;
  /** A claim or a run failed unexpectedly (the lease runs out and a later claim tries again). */
  failed(error: unknown, stage: 'claim' | 'run'): void;
  /** Stopping aborts the runs under way (each keeps what it did) rather than waiting for them to finish. */
  abortOnStop?: boolean;
}

export class ClaimLoop<T> {
  private readonly inFlight = new Map<Promise<void>, AbortController>();
  private timer: NodeJS.Timeout | null = null;
  private claiming = false;
  private claimAgain = false;
  private stopped = true;

  constructor(private readonly work: ClaimLoopWork<T>) {}

  start(): void {
    this.stopped = false;
    this.scheduleSweep(0);
  }

  /** Due work may be there now: claim rather than wait for the next sweep. */
  wake(): void {
    if (!this.stopped) void this.claim();
  }

  /** Claims nothing more and waits for the runs under way (aborting them first with `abortOnStop`). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.work.abortOnStop) for (const abort of this.inFlight.values()) abort.abort();
    await Promise.allSettled([...this.inFlight.keys()]);
  }

  private scheduleSweep(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.claim().finally(() => this.scheduleSweep(this.work.sweepMs)), delayMs);
    this.timer.unref();
  }

  private async claim(): Promise<void> {
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = true;
    try {
      do {
        this.claimAgain = false;
        const room = this.work.slots - this.inFlight.size;
        if (room <= 0 || this.stopped) break;
        const claimed = await this.work.claim(room);
        for (const item of claimed) this.run(item);
        // A full claim may have left more due work behind.
        if (claimed.length === room) this.claimAgain = true;
      } while (this.claimAgain);
    } catch (error) {
      this.work.failed(error, 'claim');
    } finally {
      this.claiming = false;
    }
  }

  private run(item: T): void {
    const abort = new AbortController();
    const task: Promise<void> = this.work
      .run(item, abort.signal)
      .catch((error: unknown) => this.work.failed(error, 'run'))
      .finally(() => {
        this.inFlight.delete(task);
        // A slot is free: the next due item need not wait for the sweep.
        if (!this.stopped) setImmediate(() => void this.claim());
      });
    this.inFlight.set(task, abort);
  }
}
