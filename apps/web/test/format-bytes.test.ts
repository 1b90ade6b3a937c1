import { describe, expect, it } from 'vitest';
import { formatBytes } from '../lib/format-bytes';

describe('file sizes in the page language', () => {
  it('uses powers of 1000 and the language’s unit names', () => {
    expect(formatBytes(1, 'en')).toBe('1 byte');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatBytes(25_000_000, 'en')).toBe('25 MB');
    expect(formatBytes(1_234_567, 'de')).toBe('1,2 MB');
  });
});
