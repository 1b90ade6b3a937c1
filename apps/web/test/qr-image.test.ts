import { describe, expect, it } from 'vitest';
import { decodeAttempts, MAX_SIDE } from '../lib/qr-image';

describe('where a picture is read for a QR code', () => {
  it('reads a small picture once, as it is', () => {
    expect(decodeAttempts(600, 400)).toEqual([{ x: 0, y: 0, width: 600, height: 400, scale: 1 }]);
  });

  it('reads a middle-sized picture whole, then smaller', () => {
    const attempts = decodeAttempts(1200, 900);
    expect(attempts.map((attempt) => attempt.scale)).toEqual([1, MAX_SIDE / 2 / 1200]);
  });

  it('reads a large screenshot shrunk to fit, then its corners and middle closer up, every part inside it', () => {
    const [width, height] = [3840, 2160];
    const attempts = decodeAttempts(width, height);
    expect(attempts).toHaveLength(7);
    expect(attempts[0]).toEqual({ x: 0, y: 0, width, height, scale: MAX_SIDE / width });
    for (const attempt of attempts) {
      expect(attempt.x).toBeGreaterThanOrEqual(0);
      expect(attempt.y).toBeGreaterThanOrEqual(0);
      expect(attempt.x + attempt.width).toBeLessThanOrEqual(width);
      expect(attempt.y + attempt.height).toBeLessThanOrEqual(height);
      // Never more than MAX_SIDE pixels a side reach jsQR.
      expect(Math.round(Math.max(attempt.width, attempt.height) * attempt.scale)).toBeLessThanOrEqual(MAX_SIDE);
    }
    const parts = attempts.slice(2);
    // A corner part is read at a larger scale than the whole: a small code there has more pixels a module.
    expect(parts.every((part) => part.scale > attempts[0]!.scale)).toBe(true);
    // The four corners are covered: each corner pixel is inside some part.
    for (const [x, y] of [
      [0, 0],
      [width - 1, 0],
      [0, height - 1],
      [width - 1, height - 1],
    ] as const)
      expect(
        parts.some((part) => x >= part.x && x < part.x + part.width && y >= part.y && y < part.y + part.height),
      ).toBe(true);
  });

  it('reads nothing of an empty picture', () => {
    expect(decodeAttempts(0, 100)).toEqual([]);
  });
});
