/** How often a file's progress is told at most (files.md: the inbox's bar needs a few updates a second, not one per chunk). */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Says when a transfer's progress is worth telling: at most once per interval, and always at the end. One per
 * transfer (a fetch being served, a fetch running); it holds no timer.
 */
export class ProgressThrottle {
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly intervalMs: number = PROGRESS_INTERVAL_MS) {}

  due(done: boolean, now: number = Date.now()): boolean {
    if (!done && now - this.lastAt < this.intervalMs) return false;
    this.lastAt = now;
    return true;
  }
}
