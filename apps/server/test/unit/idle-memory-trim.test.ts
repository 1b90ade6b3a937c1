import { describe, expect, it } from 'vitest';
import { shouldTrim } from '../../src/runtime/idle-memory-trim';

const MiB = 1024 * 1024;

describe('idle memory trim', () => {
  it('trims a node at rest whose heap grew since the last trim', () => {
    expect(shouldTrim(0.005, 80 * MiB, 40 * MiB)).toBe(true);
  });

  it('never while the node works, however much the heap grew', () => {
    expect(shouldTrim(0.02, 80 * MiB, 40 * MiB)).toBe(false);
    expect(shouldTrim(0.6, 200 * MiB, 40 * MiB)).toBe(false);
  });

  it('not again at rest when the heap did not grow since (a node at rest trims once)', () => {
    expect(shouldTrim(0.001, 45 * MiB, 40 * MiB)).toBe(false);
    expect(shouldTrim(0.001, 40 * MiB, 40 * MiB)).toBe(false);
  });
});
