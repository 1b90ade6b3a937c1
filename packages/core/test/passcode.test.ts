import { describe, expect, it } from 'vitest';
import {
  checkFreshness,
  constantTimeEqual,
  generateConnectionSecrets,
  generateMessageSalt,
  generatePassCode,
  isValidPassCode,
  randomBytes,
  randomInt,
  unixSeconds,
} from '../src';

describe('pass codes', () => {
  it('are 6 digits, leading zeros kept, and every digit appears in every position', () => {
    const seen = Array.from({ length: 6 }, () => new Set<string>());
    for (let i = 0; i < 5000; i++) {
      const code = generatePassCode();
      expect(isValidPassCode(code)).toBe(true);
      [...code].forEach((digit, position) => seen[position]!.add(digit));
    }
    for (const digits of seen) expect(digits.size).toBe(10);
  });

  it('validates the form', () => {
    for (const bad of ['12345', '1234567', '12345a', ' 123456', '１２３４５６'])
      expect(isValidPassCode(bad)).toBe(false);
  });
});

describe('randomBytes (pooled)', () => {
  it('never hands out the same bytes twice, across pool refills, and each result is its own copy', () => {
    const seen = new Set<string>();
    const results: Uint8Array[] = [];
    for (let i = 0; i < 1000; i++) {
      const bytes = randomBytes(24); // 1000 x 24 bytes spans several 4 KiB pools, with a partial one at each refill
      expect(bytes).toHaveLength(24);
      const hex = Buffer.from(bytes).toString('hex');
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
      results.push(bytes);
    }
    const first = Buffer.from(results[0] as Uint8Array).toString('hex');
    randomBytes(32);
    expect(Buffer.from(results[0] as Uint8Array).toString('hex')).toBe(first);
    expect(results.every((bytes) => bytes.some((byte) => byte !== 0))).toBe(true);
  });

  it('serves large requests directly', () => {
    const large = randomBytes(10_000);
    expect(large).toHaveLength(10_000);
    expect(new Set(large).size).toBeGreaterThan(200);
  });
});

describe('randomInt (rejection sampling)', () => {
  it('stays in range, including bounds that do not divide 2^32', () => {
    for (const bound of [1, 2, 3, 10, 1_000_000, 2 ** 31 + 1, 2 ** 32]) {
      for (let i = 0; i < 200; i++) {
        const value = randomInt(bound);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(bound);
        expect(Number.isInteger(value)).toBe(true);
      }
    }
  });

  it('refuses bounds it cannot serve uniformly', () => {
    for (const bound of [0, -1, 1.5, 2 ** 32 + 1]) expect(() => randomInt(bound)).toThrow(RangeError);
  });
});

describe('connection secrets and salts', () => {
  it('are 64 and 32 lowercase hex characters and differ each time', () => {
    const a = generateConnectionSecrets();
    const b = generateConnectionSecrets();
    for (const value of [...Object.values(a), ...Object.values(b)]) expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([...Object.values(a), ...Object.values(b)]).size).toBe(6);
    expect(generateMessageSalt()).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('freshness', () => {
  const now = 1_764_000_000;
  it('follows the reference rule timestamp + 60 < now for expiry', () => {
    expect(checkFreshness(now - 60, now)).toBe('fresh');
    expect(checkFreshness(now - 61, now)).toBe('expired');
    expect(checkFreshness(now, now)).toBe('fresh');
  });
  it('refuses timestamps beyond the future skew', () => {
    expect(checkFreshness(now + 30, now)).toBe('fresh');
    expect(checkFreshness(now + 31, now)).toBe('future');
    expect(checkFreshness(now + 5, now, { futureSkewSeconds: 0 })).toBe('future');
    expect(checkFreshness(now - 100, now, { windowSeconds: 120 })).toBe('fresh');
  });
  it('converts dates to whole Unix seconds', () => {
    expect(unixSeconds(new Date(1_764_000_000_999))).toBe(1_764_000_000);
  });
});

describe('constantTimeEqual', () => {
  it('compares strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('é', 'e')).toBe(false);
  });
});
