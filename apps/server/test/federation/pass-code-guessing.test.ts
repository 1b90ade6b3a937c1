import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../peer-kit/api-client';
import { createTestDatabase, DATABASE_KINDS, freePort, TestNode } from '../peer-kit/nodes';
import { StandInNode } from '../peer-kit/stand-in-node';

const otherCode = (code: string, step: number) => String((Number(code) + step) % 1_000_000).padStart(6, '0');

describe.each(DATABASE_KINDS)('pass-code guessing is capped (%s)', (kind) => {
  let b: TestNode;
  let peer: StandInNode;
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    peer = await new StandInNode('attacker.test').start();
    b = new TestNode('b.test', await freePort(), await createTestDatabase(kind), { OPENMSG_PEER_OVERRIDES: `attacker.test=${peer.baseUrl}`, LOG_LEVEL: 'trace' });
    await b.start();
  });
  afterAll(async () => {
    await b?.dispose();
    await peer?.stop();
  });

  async function guess(user: ApiClient, code: string) {
    const answer = await peer.handshake(b.baseUrl, user.address, code);
    if (answer.json?.success) secretsSeen.push(answer.json.auth_code, answer.json.ident_code, answer.json.message_crypt_key);
    return answer.json;
  }

  it('refuses even the right code after 5 failures against one address, without spending it', async () => {
    const victim = await b.createUser('500', 'Victim');
    const code = await victim.createPassCode();
    secretsSeen.push(code);
    for (let i = 1; i <= 5; i++) expect(await guess(victim, otherCode(code, i))).toEqual({ error: true, error_message: 'pass code not valid' });
    expect(await guess(victim, code)).toEqual({ error: true, error_message: 'pass code not valid' });
    expect(await b.db.passCode.count({ where: { account: { addressId: '500' } } })).toBe(1);
    expect(await b.db.authFailure.count({ where: { targetAddressId: '500' } })).toBe(5);
  });

  it('lets the code work again once the cool-down has passed', async () => {
    await b.db.authFailure.updateMany({ where: { targetAddressId: '500' }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    // the code was kept unspent by the previous case
    const code = secretsSeen[0]!;
    expect(await guess({ address: '500*b.test' } as ApiClient, code)).toMatchObject({ success: true });
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

  it('never writes a pass code or connection secret to its logs', () => {
    const logs = b.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secretsSeen) expect(logs).not.toContain(secret);
  });
});
