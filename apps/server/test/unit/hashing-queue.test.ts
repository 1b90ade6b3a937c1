import { describe, expect, it } from 'vitest';
import { HashingBusyError, HashingQueue } from '../../src/auth/hashing-queue';

/** Work that ends when the test says so, and records when it started. */
function job(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: async () => void (started.push(name), await done), finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('password hashing queue', () => {
  it('keeps a slot for sign-ins, refuses past the waiting limit, and hands freed slots to sign-ins first', async () => {
    const queue = new HashingQueue({ slots: 2, reservedForVerify: 1, maxWaiting: { verify: 1, hash: 2 } });
    const started: string[] = [];
    const hashes = [job(started, 'hash 1'), job(started, 'hash 2'), job(started, 'hash 3')];
    const running = hashes.map((hash) => queue.run('hash', hash.work));
    await tick();
    // One slot for new hashes; the other is kept for sign-ins.
    expect(started).toEqual(['hash 1']);
    await expect(queue.run('hash', async () => 'never')).rejects.toBeInstanceOf(HashingBusyError);

    const verifies = [job(started, 'verify 1'), job(started, 'verify 2')];
    const checking = verifies.map((verify) => queue.run('verify', verify.work));
    await tick();
    expect(started).toEqual(['hash 1', 'verify 1']);
    await expect(queue.run('verify', async () => 'never')).rejects.toBeInstanceOf(HashingBusyError);

    // The hash slot frees: the waiting sign-in goes before the waiting hashes.
    hashes[0]!.finish();
    await tick();
    expect(started).toEqual(['hash 1', 'verify 1', 'verify 2']);
    verifies[0]!.finish();
    await tick();
    expect(started).toEqual(['hash 1', 'verify 1', 'verify 2', 'hash 2']);
    expect(queue.load()).toEqual({ running: { verify: 1, hash: 1 }, waiting: { verify: 0, hash: 1 } });

    verifies[1]!.finish();
    hashes[1]!.finish();
    await tick();
    // hash 3 waits for no sign-in and runs, but only in the one slot hashes may use.
    expect(started).toEqual(['hash 1', 'verify 1', 'verify 2', 'hash 2', 'hash 3']);
    expect(queue.load()).toEqual({ running: { verify: 0, hash: 1 }, waiting: { verify: 0, hash: 0 } });
    hashes[2]!.finish();
    await Promise.all([...running, ...checking]);
    expect(queue.load()).toEqual({ running: { verify: 0, hash: 0 }, waiting: { verify: 0, hash: 0 } });
  });

  it('frees the slot when the work fails', async () => {
    const queue = new HashingQueue({ slots: 1, reservedForVerify: 0, maxWaiting: { verify: 0, hash: 0 } });
    await expect(queue.run('hash', async () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow(
      'scrypt failed',
    );
    await expect(queue.run('hash', async () => 'ok')).resolves.toBe('ok');
  });
});
