import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromBase64Url,
  generateSecretHex,
  messageHash,
  openMessage,
  packageNonce,
  sealMessage,
  toBase64Url,
} from '../src';

const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('hex'));
// Whole code points only: a lone UTF-16 surrogate has no UTF-8 form, so it cannot round-trip through any wire.
const textArb = fc.string({ unit: 'binary', maxLength: 300 });

describe('seal / open', () => {
  it('opens what it sealed, for any text and key', () => {
    fc.assert(
      fc.property(textArb, keyArb, (text, key) => {
        const sealed = sealMessage(text, key);
        const opened = openMessage(sealed.messagePackage, key);
        expect(opened).toEqual({ ok: true, text, messageNonce: sealed.messageNonce });
        expect(packageNonce(sealed.messagePackage)).toBe(sealed.messageNonce);
      }),
      { numRuns: 300 },
    );
  });

  it('draws a fresh nonce every time', () => {
    const key = generateSecretHex();
    const nonces = new Set(Array.from({ length: 200 }, () => sealMessage('same text', key).messageNonce));
    expect(nonces.size).toBe(200);
  });

  it('fails to open with any other key', () => {
    fc.assert(
      fc.property(textArb, keyArb, keyArb, (text, key, otherKey) => {
        fc.pre(key !== otherKey);
        expect(openMessage(sealMessage(text, key).messagePackage, otherKey)).toEqual({
          ok: false,
          reason: 'decryption_failed',
        });
      }),
      { numRuns: 100 },
    );
  });

  it('fails to open when any single byte of the package is flipped', () => {
    const key = generateSecretHex();
    const bytes = fromBase64Url(sealMessage('Tampering must always be noticed ✓', key).messagePackage);
    for (let offset = 0; offset < bytes.length; offset++) {
      for (const bit of [0x01, 0x80]) {
        const tampered = Uint8Array.from(bytes);
        tampered[offset] = (tampered[offset] as number) ^ bit;
        expect(openMessage(toBase64Url(tampered), key).ok, `offset ${offset} bit ${bit}`).toBe(false);
      }
    }
  });

  it('rejects malformed packages and keys without throwing', () => {
    const key = generateSecretHex();
    const good = sealMessage('hi', key).messagePackage;
    for (const pkg of ['', 'a', good + '=', good.replace(/.$/, '+'), good.slice(0, 20), 'not base64!', '💥']) {
      expect(openMessage(pkg, key)).toEqual({ ok: false, reason: 'malformed_package' });
    }
    expect(openMessage(good, 'zz')).toEqual({ ok: false, reason: 'invalid_key' });
    expect(openMessage(good, key.slice(2))).toEqual({ ok: false, reason: 'invalid_key' });
  });

  it('reports a box that decrypts to invalid UTF-8', async () => {
    const nacl = (await import('tweetnacl')).default;
    const key = new Uint8Array(32).fill(7);
    const nonce = new Uint8Array(24).fill(1);
    const box = nacl.secretbox(new Uint8Array([0xff, 0xfe]), nonce, key);
    const pkg = toBase64Url(new Uint8Array([...nonce, ...box]));
    expect(openMessage(pkg, Buffer.from(key).toString('hex'))).toEqual({ ok: false, reason: 'not_utf8' });
  });

  it('refuses a nonce of the wrong size', () => {
    expect(() => sealMessage('x', generateSecretHex(), new Uint8Array(12))).toThrow(RangeError);
  });
});

describe('message hash', () => {
  const base = { pkg: 'AAEC', auth: 'a'.repeat(64), salt: '00112233445566778899aabbccddeeff', ts: 1764000000 };

  it('changes when any one input changes', () => {
    const reference = messageHash(base.pkg, base.auth, base.salt, base.ts);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 3 }), (extra, which) => {
        const parts = [base.pkg, base.auth, base.salt, String(base.ts)];
        parts[which] = parts[which] + extra;
        expect(messageHash(parts[0]!, parts[1]!, parts[2]!, parts[3]!)).not.toBe(reference);
      }),
    );
    expect(messageHash(base.pkg, base.auth, base.salt, base.ts + 1)).not.toBe(reference);
    expect(messageHash(base.pkg, base.auth.toUpperCase(), base.salt, base.ts)).not.toBe(reference);
  });

  it('is lowercase hex of 64 characters', () => {
    expect(messageHash(base.pkg, base.auth, base.salt, base.ts)).toMatch(/^[0-9a-f]{64}$/);
  });
});
