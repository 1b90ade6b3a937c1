import { vi } from 'vitest';

/**
 * Moves this process's clock `ms` ahead: every `new Date()` and `Date.now()` of an in-process node
 * (the services take their `now` from them) sees the later time, which keeps ticking. Timers stay
 * real. Rows the database stamps itself (column defaults) keep the real time.
 */
export function advanceClock(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + ms, shouldAdvanceTime: true });
}

/** Back to the real time. */
export function restoreClock(): void {
  vi.useRealTimers();
}
