import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8Encode } from './encoding';

/** Lowercase hex SHA-256 of the UTF-8 concatenation of the parts, with no separators. */
export function sha256Hex(...parts: string[]): string {
  return toHex(sha256(utf8Encode(parts.join(''))));
}

/**
 * Compares two strings without an early exit, so the time taken does not reveal how many
 * leading characters matched. Only the length may leak (hashes and codes have fixed lengths).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = utf8Encode(a);
  const right = utf8Encode(b);
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= (left[i] as number) ^ (right[i] as number);
  return difference === 0;
}
