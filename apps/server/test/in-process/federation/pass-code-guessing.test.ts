import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { StandInNode } from '../../peer-kit/stand-in-node';
import { advanceClock, restoreClock } from '../kit/clock';
import { InProcessNode } from '../kit/in-process-node';

const otherCode = (code: string, step: number) => String((Number(code) + step) % 1_000_000).padStart(6, '0');

describe.each(DATABASE_KINDS)('pass-code guessing is capped (%s)', (kind) => {
  let b: InProcessNode;
  let peer: StandInNode;
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    peer = await new StandInNode('attacker.test').start();
    b = await InProcessNode.start(kind, 'b.test', {
      OPENMSG_PEER_OVERRIDES: `attacker.test=${peer.baseUrl}`,
      LOG_LEVEL: 'trace',
    });
  });
  afterAll(async () => {
    await b?.close();
    await peer?.stop();
  });

  async function guess(user: ApiClient, code: string) {
    const answer = await peer.handshake(b.baseUrl, user.address, code);
    if (answer.json?.success)
      secretsSeen.push(answer.json.auth_code, answer.json.ident_code, answer.json.message_crypt_key);
    return answer.json;
  }

  it('refuses even the right code after 5 failures against one address, without spending it', async () => {
    const victim = await b.createUser('500', 'Victim');
    const code = await victim.createPassCode();
    secretsSeen.push(code);
    for (let i = 1; i <= 5; i++)
      expect(await guess(victim, otherCode(code, i))).toEqual({ error: true, error_message: 'pass code not valid' });
    expect(await guess(victim, code)).toEqual({ error: true, error_message: 'pass code not valid' });
    expect(await b.db.passCode.count({ where: { account: { addressId: '500' } } })).toBe(1);
    expect(await b.db.authFailure.count({ where: { targetAddressId: '500' } })).toBe(5);
  });

  it('lets the code work again once the cool-down has passed', async () => {
    // the code was kept unspent by the previous case
    const code = secretsSeen[0]!;
    advanceClock(14 * 60_000);
    try {
      expect(await guess({ address: '500*b.test' } as ApiClient, code)).toEqual({
        error: true,
        error_message: 'pass code not valid',
      });
      advanceClock(2 * 60_000);
      expect(await guess({ address: '500*b.test' } as ApiClient, code)).toMatchObject({ success: true });
    } finally {
      restoreClock();
    }
    expect(await b.db.passCode.count({ where: { account: { addressId: '500' } } })).toBe(0);
  });

  it('caps failures from one source across many addresses', async () => {
    await b.db.authFailure.deleteMany();
    const targets: ApiClient[] = [];
    for (let i = 0; i < 5; i++) targets.push(await b.createUser(`60${i}`, `Target ${i}`));
    for (const target of targets.slice(0, 4)) {
      const code = await target.createPassCode();
      for (let i = 1; i <= 5; i++) await guess(target, otherCode(code, i));
    }
    const last = targets[4]!;
    const code = await last.createPassCode();
    secretsSeen.push(code);
    expect(await guess(last, code)).toEqual({ error: true, error_message: 'pass code not valid' });
    expect(await b.db.passCode.count({ where: { account: { addressId: '604' } } })).toBe(1);
  });

  it('evaluates at most 5 wrong guesses of 300 sent at once at one address, the right one among them', async () => {
    await b.db.authFailure.deleteMany();
    const victim = await b.createUser('700', 'Burst Victim');
    const code = await victim.createPassCode();
    secretsSeen.push(code);
    const guesses = Array.from({ length: 300 }, (_, i) => (i === 6 ? code : otherCode(code, i + 1)));
    const answers = await Promise.all(guesses.map((guess) => peer.handshake(b.baseUrl, victim.address, guess)));
    for (const answer of answers)
      if (answer.json?.success)
        secretsSeen.push(answer.json.auth_code, answer.json.ident_code, answer.json.message_crypt_key);
    const accepted = answers.filter((answer) => answer.json?.success).length;
    const codeSpent = (await b.db.passCode.count({ where: { account: { addressId: '700' } } })) === 0;
    const failuresRecorded = await b.db.authFailure.count({ where: { targetAddressId: '700' } });
    // Each wrong guess looked up leaves a failure; the right one, if it was among the first five looked up, spends the code.
    expect(failuresRecorded).toBe(5);
    expect(accepted).toBe(codeSpent ? 1 : 0);
    expect(await b.db.authFailure.count({ where: { targetAddressId: '700', reason: 'in_progress' } })).toBe(0);
    expect((await victim.call('listPassCodes')).body.failedAttempts).toEqual({ lastDay: 5, lastWeek: 5 });
  });

  it('evaluates at most 20 of 300 guesses sent at once from one source at 300 addresses', async () => {
    await b.db.authFailure.deleteMany();
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        peer.handshake(b.baseUrl, `9${String(i).padStart(3, '0')}*b.test`, otherCode('000000', i)),
      ),
    );
    expect(answers.every((answer) => answer.json?.error === true)).toBe(true);
    expect(await b.db.authFailure.count()).toBe(20);
  });

  it('never writes a pass code or connection secret to its logs', () => {
    const logs = b.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secretsSeen) expect(logs).not.toContain(secret);
  });
});
