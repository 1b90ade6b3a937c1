/** Cryptographically secure random bytes from Web Crypto (Node >= 20 and every browser). */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/**
 * A uniformly distributed integer in [0, bound) by rejection sampling, so no value is
 * more likely than another (plain `random % bound` favours small values).
 */
export function randomInt(bound: number): number {
  if (!Number.isInteger(bound) || bound <= 0 || bound > 2 ** 32) {
    throw new RangeError(`bound must be an integer in 1..2^32, got ${bound}`);
  }
  const limit = 2 ** 32 - (2 ** 32 % bound);
  const word = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(word);
    const value = word[0] as number;
    if (value < limit) return value % bound;
  }
}
