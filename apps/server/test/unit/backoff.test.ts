import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/delivery/backoff';

describe('retry backoff', () => {
  it('doubles per attempt, stays between half and all of the step, and is capped', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelayMs(4, 1000, 60_000, () => 0)).toBe(4000);
    expect(retryDelayMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(retryDelayMs(30, 1000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, 1000, 60_000, () => 0)).toBe(30_000);
  });

  it('spreads retries of many messages (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(5, 1000, 600_000)));
    expect(delays.size).toBeGreaterThan(40);
  });
});
