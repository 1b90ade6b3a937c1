import { describe, expect, it } from 'vitest';
import { shouldTrim } from '../../src/runtime/idle-memory-trim';

const MiB = 1024 * 1024;
const atRest = { utilization: 0.005, workedSinceTrim: false, heapBytes: 70 * MiB, lowestHeapBytesSinceTrim: 66 * MiB };

describe('idle memory trim', () => {
  it('trims a node at rest after a burst of work', () => {
    expect(shouldTrim({ ...atRest, workedSinceTrim: true })).toBe(true);
  });

  it('trims a node at rest whose heap grew under a trickle of work that never made it busy', () => {
    expect(shouldTrim({ ...atRest, heapBytes: 80 * MiB, lowestHeapBytesSinceTrim: 40 * MiB })).toBe(true);
  });

  it('never while the node works', () => {
    expect(shouldTrim({ ...atRest, utilization: 0.02, workedSinceTrim: true })).toBe(false);
    expect(shouldTrim({ ...atRest, utilization: 0.6, workedSinceTrim: true, heapBytes: 200 * MiB })).toBe(false);
  });

  it('not again at rest when nothing happened since the last trim (a node at rest trims once)', () => {
    expect(shouldTrim(atRest)).toBe(false);
  });
});
