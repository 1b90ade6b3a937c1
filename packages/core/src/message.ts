import nacl from 'tweetnacl';
import { fromBase64Url, fromHex, HEX_64, toBase64Url, toHex, utf8DecodeStrict, utf8Encode } from './encoding';
import { sha256Hex } from './hash';
import { randomBytes } from './random';

export const NONCE_BYTES = nacl.secretbox.nonceLength; // 24
export const TAG_BYTES = nacl.secretbox.overheadLength; // 16
export const KEY_BYTES = nacl.secretbox.keyLength; // 32

export interface SealedMessage {
  /** base64url (no padding) of nonce ‖ secretbox: the value sent as `message_package`. */
  messagePackage: string;
  /** base64url (no padding) of the 24-byte nonce: what the receiver sends back in message-confirm. */
  messageNonce: string;
}

export type OpenFailure = 'malformed_package' | 'invalid_key' | 'decryption_failed' | 'not_utf8';
export type OpenResult = { ok: true; text: string; messageNonce: string } | { ok: false; reason: OpenFailure };

function keyBytes(keyHex: string): Uint8Array {
  if (typeof keyHex !== 'string' || !HEX_64.test(keyHex.toLowerCase())) {
    throw new TypeError('message_crypt_key must be 64 hex characters');
  }
  return fromHex(keyHex.toLowerCase());
}

/** Encrypts with XSalsa20-Poly1305 (libsodium crypto_secretbox layout: tag first, then ciphertext). */
export function sealMessage(
  text: string,
  messageCryptKey: string,
  nonce: Uint8Array = randomBytes(NONCE_BYTES),
): SealedMessage {
  if (nonce.length !== NONCE_BYTES) throw new RangeError(`nonce must be ${NONCE_BYTES} bytes`);
  const box = nacl.secretbox(utf8Encode(text), nonce, keyBytes(messageCryptKey));
  const packageBytes = new Uint8Array(NONCE_BYTES + box.length);
  packageBytes.set(nonce, 0);
  packageBytes.set(box, NONCE_BYTES);
  return { messagePackage: toBase64Url(packageBytes), messageNonce: toBase64Url(nonce) };
}

/** The nonce carried in a package, as base64url; null if the package cannot be decoded. */
export function packageNonce(messagePackage: string): string | null {
  const bytes = decodePackage(messagePackage);
  return bytes ? toBase64Url(bytes.subarray(0, NONCE_BYTES)) : null;
}

function decodePackage(messagePackage: string): Uint8Array | null {
  if (typeof messagePackage !== 'string') return null;
  try {
    const bytes = fromBase64Url(messagePackage);
    return bytes.length >= NONCE_BYTES + TAG_BYTES ? bytes : null;
  } catch {
    return null;
  }
}

/** Never throws: every bad input becomes a typed failure. */
export function openMessage(messagePackage: string, messageCryptKey: string): OpenResult {
  const bytes = decodePackage(messagePackage);
  if (!bytes) return { ok: false, reason: 'malformed_package' };
  let key: Uint8Array;
  try {
    key = keyBytes(messageCryptKey);
  } catch {
    return { ok: false, reason: 'invalid_key' };
  }
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const plain = nacl.secretbox.open(bytes.subarray(NONCE_BYTES), nonce, key);
  if (!plain) return { ok: false, reason: 'decryption_failed' };
  try {
    return { ok: true, text: utf8DecodeStrict(plain), messageNonce: toBase64Url(nonce) };
  } catch {
    return { ok: false, reason: 'not_utf8' };
  }
}

/**
 * sha256(message_package + auth_code + message_salt + timestamp). A timestamp that arrived as a
 * digit string is hashed exactly as received, as the reference does.
 */
export function messageHash(
  messagePackage: string,
  authCode: string,
  messageSalt: string,
  messageTimestamp: number | string,
): string {
  return sha256Hex(messagePackage, authCode, messageSalt, String(messageTimestamp));
}

/** Hex of 16 random bytes, as the reference sends. */
export function generateMessageSalt(): string {
  return toHex(randomBytes(16));
}
