import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** scrypt with OWASP's minimum cost (N=2^17, r=8, p=1): about 128 MiB and 0.2-0.4 s per hash here. */
const COST = { log2N: 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

/** Hashes look like `scrypt$17$8$1$<salt>$<key>` (base64), so the cost can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST.log2N, COST.r, COST.p);
  return ['scrypt', COST.log2N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !log2N || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(log2N), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows: checked when the account does not exist, so the answer takes as long either way. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number, length = KEY_LENGTH): Promise<Buffer> {
  const N = 2 ** log2N;
  return scryptAsync(password.normalize('NFC'), salt, length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}
