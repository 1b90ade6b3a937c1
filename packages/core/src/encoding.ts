import { base64urlnopad } from '@scure/base';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

const utf8Encoder = new TextEncoder();
const strictUtf8Decoder = new TextDecoder('utf-8', { fatal: true });

export const HEX_64 = /^[0-9a-f]{64}$/;

export function utf8Encode(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Throws on invalid UTF-8 rather than silently substituting U+FFFD. */
export function utf8DecodeStrict(bytes: Uint8Array): string {
  return strictUtf8Decoder.decode(bytes);
}

export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

export function fromHex(hex: string): Uint8Array {
  return hexToBytes(hex);
}

/** RFC 4648 §5 alphabet, no padding: libsodium's SODIUM_BASE64_VARIANT_URLSAFE_NO_PADDING. */
export function toBase64Url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

/** Strict decoding: padding or characters outside the URL-safe alphabet throw. */
export function fromBase64Url(text: string): Uint8Array {
  return base64urlnopad.decode(text);
}

/** Number of Unicode code points (what the reference's 2000-character column counts), not UTF-16 units. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
