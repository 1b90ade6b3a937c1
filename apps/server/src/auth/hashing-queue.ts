import { ApiException } from '../http/api-error';

/** Checking a password at sign-in, or hashing a new one (sign-up, password change). */
export type HashingLane = 'verify' | 'hash';

export interface HashingQueueLimits {
  /** Hashes computed at once (each holds a libuv thread and a core for a third of a second). */
  slots: number;
  /** Slots only sign-in checks may use, so that sign-ups never hold every slot. */
  reservedForVerify: number;
  /** How many may wait per lane; past that the request is refused at once. */
  maxWaiting: Record<HashingLane, number>;
}

/** The node cannot take more password work now: 503, try again in a moment. */
export class HashingBusyError extends ApiException {
  constructor() {
    super('busy');
  }
}

interface Waiting {
  start: () => void;
}

/**
 * Bounds password hashing so that sign-ups cannot starve sign-ins. scrypt runs on libuv's thread
 * pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), which file and DNS work share; a flood
 * of sign-ups would otherwise queue unboundedly in front of every sign-in. Here work runs in a
 * fixed number of slots, a freed slot goes to a waiting sign-in first, some slots are kept for
 * sign-ins only, and each lane's waiting line has a limit past which requests get 503 at once.
 */
export class HashingQueue {
  private running: Record<HashingLane, number> = { verify: 0, hash: 0 };
  private readonly waiting: Record<HashingLane, Waiting[]> = { verify: [], hash: [] };

  constructor(private readonly limits: HashingQueueLimits) {}

  /** Runs `work` in a slot of the lane; throws HashingBusyError when the lane's waiting line is full. */
  async run<T>(lane: HashingLane, work: () => Promise<T>): Promise<T> {
    if (this.waiting[lane].length === 0 && this.mayStart(lane)) {
      this.running[lane] += 1;
    } else {
      if (this.waiting[lane].length >= this.limits.maxWaiting[lane]) throw new HashingBusyError();
      // The slot is counted for it when it is handed over (startNext).
      await new Promise<void>((start) => this.waiting[lane].push({ start }));
    }
    try {
      return await work();
    } finally {
      this.running[lane] -= 1;
      this.startNext();
    }
  }

  /** Throws HashingBusyError now if work on the lane would be refused: for callers with work to do before it. */
  assertRoom(lane: HashingLane): void {
    if (
      this.waiting[lane].length >= this.limits.maxWaiting[lane] &&
      !(this.waiting[lane].length === 0 && this.mayStart(lane))
    )
      throw new HashingBusyError();
  }

  /** What is running and waiting, per lane. */
  load() {
    return {
      running: { ...this.running },
      waiting: { verify: this.waiting.verify.length, hash: this.waiting.hash.length },
    };
  }

  private mayStart(lane: HashingLane): boolean {
    if (this.running.verify + this.running.hash >= this.limits.slots) return false;
    if (lane === 'verify') return true;
    return this.waiting.verify.length === 0 && this.running.hash < this.limits.slots - this.limits.reservedForVerify;
  }

  /** Hands freed slots over, sign-ins first. */
  private startNext(): void {
    for (;;) {
      const lane = (['verify', 'hash'] as const).find(
        (candidate) => this.waiting[candidate].length > 0 && this.mayStart(candidate),
      );
      if (!lane) return;
      this.running[lane] += 1;
      (this.waiting[lane].shift() as Waiting).start();
    }
  }
}
