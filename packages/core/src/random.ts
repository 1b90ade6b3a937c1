const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let offset = 0;

/**
 * Cryptographically secure random bytes from Web Crypto (Node >= 20 and every browser). Small
 * requests are served from a pool filled 4 KiB at a time, as Node's randomUUID does: a call into
 * Web Crypto costs far more than the bytes it returns, and a message needs three of them. Bytes
 * handed out are wiped from the pool, so none is ever given twice or left behind.
 */
export function randomBytes(length: number): Uint8Array {
  if (length > POOL_BYTES / 4) {
    const bytes = new Uint8Array(length);
    globalThis.crypto.getRandomValues(bytes);
    return bytes;
  }
  if (offset + length > pool.length) {
    pool = new Uint8Array(POOL_BYTES);
    globalThis.crypto.getRandomValues(pool);
    offset = 0;
  }
  const bytes = pool.slice(offset, offset + length);
  pool.fill(0, offset, offset + length);
  offset += length;
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
