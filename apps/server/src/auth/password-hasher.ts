import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { HashingQueue } from './hashing-queue';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt with OWASP's minimum cost (N=2^17, r=8, p=1): about 128 MiB and 0.2-0.4 s per hash here. */
export const PASSWORD_HASH_COST = { log2N: 17, r: 8, p: 1 } as const;
let cost: { log2N: number; r: number; p: number } = PASSWORD_HASH_COST;

/**
 * For the in-process test suite only, which hashes passwords by the hundred (as Django's and Rails'
 * test settings do): new hashes use N=2^log2N. No configuration reaches it, and a password is always
 * verified with the cost written in its stored hash.
 */
export function useHashCostForTests(log2N: number): void {
  cost = { ...PASSWORD_HASH_COST, log2N };
}
const KEY_LENGTH = 32;

/**
 * About one hash per core, never every libuv thread (file and DNS work share them), and one slot
 * kept for sign-ins. A full line answers 503 at once rather than making everyone wait longer.
 */
const THREAD_POOL_SIZE = Number(process.env.UV_THREADPOOL_SIZE) || 4;
const SLOTS = Math.max(2, Math.min(availableParallelism(), THREAD_POOL_SIZE - 1));
/** A few seconds' worth of work may wait (each hash takes 0.2-0.4 s). */
export const hashingQueue = new HashingQueue({
  slots: SLOTS,
  reservedForVerify: 1,
  maxWaiting: { verify: 16 * SLOTS, hash: 4 * (SLOTS - 1) },
});

/** Hashes look like `scrypt$17$8$1$<salt>$<key>` (base64), so the cost can be raised later without breaking old hashes. */
export function hashPassword(password: string): Promise<string> {
  return hashingQueue.run('hash', () => hashNow(password));
}

/** Checks a password at sign-in (or before a change); sign-ins go before new hashes in the queue. */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return hashingQueue.run('verify', () => verifyNow(password, stored));
}

async function hashNow(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost.log2N, cost.r, cost.p);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

async function verifyNow(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !log2N || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64'),
    Number(log2N),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows: checked when the account does not exist, so the answer takes as long either way. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashNow(randomBytes(16).toString('hex'));
  return decoy;
}

function derive(
  password: string,
  salt: Buffer,
  log2N: number,
  r: number,
  p: number,
  length = KEY_LENGTH,
): Promise<Buffer> {
  const N = 2 ** log2N;
  return scryptAsync(password.normalize('NFC'), salt, length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}
