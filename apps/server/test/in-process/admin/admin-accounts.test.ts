import type { AdminAccount } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { InProcessNode } from '../kit/in-process-node';
import { grantAdmin } from './admin-kit';

const PASSWORD = 'correct horse battery';

/** The console's account actions, their rules (not on oneself, never the last admin) and their audit entries. */
describe.each(DATABASE_KINDS)('admin console: accounts (%s)', (kind) => {
  let node: InProcessNode;
  let admin: SessionClient;

  const signUp = async (addressId: string, name: string) => {
    const session = node.session();
    expect((await session.register(name, PASSWORD, { addressId })).status).toBe(201);
    return session;
  };
  const auditActions = async (reader: SessionClient = admin) => {
    const { body } = await reader.call('adminAudit', { query: { limit: 100 } });
    return body.items.map((entry) => `${entry.actor} ${entry.action} ${entry.target ?? ''}`.trim());
  };

  beforeAll(async () => {
    node = await InProcessNode.start(kind, 'a.test');
    admin = await signUp('1', 'Ada Admin');
    await grantAdmin(node, '1');
  });
  afterAll(async () => {
    await node?.close();
  });

  it('finds accounts by the start of the number or a part of the name, a page at a time', async () => {
    await signUp('2001', 'Alice Smith');
    await signUp('2002', 'Bob Jones');
    await signUp('3001', 'Carol SMITHSON');
    const search = async (q: string) =>
      (await admin.call('adminAccounts', { query: { q } })).body.items.map((a) => a.addressId);
    expect(await search('200')).toEqual(['2002', '2001']);
    expect(await search('smith')).toEqual(['3001', '2001']);
    expect(await search('%')).toEqual([]); // a LIKE wildcard matches only itself
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: { status: number; body: { items: AdminAccount[]; nextCursor: string | null } } = await admin.call(
        'adminAccounts',
        { query: { limit: 2, cursor } },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((account) => account.addressId));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['3001', '2002', '2001', '1']);
    expect((await admin.call('adminAccounts', { query: { cursor: '!!' } })).body.error).toBe('bad_cursor');
    expect((await admin.callUntyped('adminAccounts', { query: { limit: 0 } })).body.error).toBe('validation_failed');
  });

  it('disables an account (signed out, cannot sign in) and enables it again, each once in the audit log', async () => {
    const dan = await signUp('4001', 'Dan Disabled');
    const disabled = await admin.call('adminDisableAccount', { params: { addressId: '4001' } });
    expect(disabled).toMatchObject({
      status: 200,
      body: { address: '4001*a.test', disabledAt: expect.any(String), role: 'user' },
    });
    expect((await dan.call('me')).status).toBe(401);
    expect((await node.session().login('4001', PASSWORD)).status).toBe(401);
    expect((await admin.call('adminDisableAccount', { params: { addressId: '4001' } })).status).toBe(200); // again: nothing changes
    expect(await admin.call('adminEnableAccount', { params: { addressId: '4001' } })).toMatchObject({
      status: 200,
      body: { disabledAt: null },
    });
    expect((await node.session().login('4001', PASSWORD)).status).toBe(200);
    expect((await auditActions()).slice(0, 2)).toEqual([
      '1*a.test account.enable 4001*a.test',
      '1*a.test account.disable 4001*a.test',
    ]);
    expect((await admin.call('adminDisableAccount', { params: { addressId: '9999' } })).status).toBe(404);
  });

  it('resets a password to a random one shown once: the old one and every session and token stop working', async () => {
    const eve = await signUp('5001', 'Eve Reset');
    const reset = await admin.call('adminResetPassword', { params: { addressId: '5001' } });
    expect(reset).toMatchObject({
      status: 200,
      body: { address: '5001*a.test', password: expect.any(String), revokedTokens: 0 },
    });
    expect(reset.body.password.length).toBeGreaterThanOrEqual(16);
    expect((await eve.call('me')).status).toBe(401);
    expect((await node.session().login('5001', PASSWORD)).status).toBe(401);
    expect((await node.session().login('5001', reset.body.password)).status).toBe(200);
    const entry = (await admin.call('adminAudit', { query: { limit: 1 } })).body.items[0]!;
    expect(entry).toMatchObject({ action: 'account.reset_password', target: '5001*a.test' });
    expect(entry.detail).not.toContain(reset.body.password);
    expect(node.logs()).not.toContain(reset.body.password);
  });

  it('deletes an account as its owner can: gone from the list, the number kept; one of 100 deletes at once succeeds', async () => {
    await signUp('6001', 'Fay Deleted');
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => admin.call('adminDeleteAccount', { params: { addressId: '6001' } })),
    );
    expect(answers.filter((answer) => answer.status === 204)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 404)).toHaveLength(99);
    expect((await admin.call('adminAccounts', { query: { q: '6001' } })).body.items).toEqual([]);
    expect((await node.session().register('Someone Else', PASSWORD, { addressId: '6001' })).body.error).toBe(
      'address_taken',
    );
    expect((await auditActions()).filter((line) => line.includes('account.delete 6001'))).toHaveLength(1);
  });

  it('refuses to act on the admin themselves', async () => {
    for (const action of ['adminDisableAccount', 'adminResetPassword', 'adminDeleteAccount'] as const) {
      const answer = await admin.call(action, { params: { addressId: '1' } });
      expect({ action, status: answer.status, error: answer.body.error }).toEqual({
        action,
        status: 409,
        error: 'own_account',
      });
    }
  });

  it('keeps 100 disables of one account at once consistent: disabled once, one audit entry', async () => {
    await signUp('7001', 'Gus Burst');
    const before = (await auditActions()).length;
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => admin.call('adminDisableAccount', { params: { addressId: '7001' } })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(new Set(answers.map((answer) => answer.body.disabledAt)).size).toBe(1);
    const after = await auditActions();
    expect(after.length - before).toBe(1);
    expect(after[0]).toBe('1*a.test account.disable 7001*a.test');
  });

  it('never leaves the node without an active admin, even when two admins disable and delete each other at once', async () => {
    const bea = await signUp('8001', 'Bea Admin');
    await grantAdmin(node, '8001');
    const before = (await auditActions()).length;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const [actor, target] = i % 2 ? [admin, '8001'] : [bea, '1'];
        return actor.call(i % 4 < 2 ? 'adminDisableAccount' : 'adminDeleteAccount', { params: { addressId: target } });
      }),
    );
    const survivors = [];
    for (const session of [admin, bea])
      if ((await session.call('adminOverview')).status === 200) survivors.push(session);
    expect(survivors).toHaveLength(1);
    const survivor = survivors[0]!;
    expect((await survivor.call('adminOverview')).body.accounts.admins).toBe(1);
    expect(answers.every((answer) => [200, 204, 404, 409].includes(answer.status))).toBe(true);
    const all = await auditActions(survivor);
    const changes = all.slice(0, all.length - before);
    // One side won: its disable or delete of the other (a delete after a disable by the same side counts too).
    const targets = new Set(changes.map((line) => line.split(' ')[2]));
    expect(targets.size).toBe(1);
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(changes.length).toBeLessThanOrEqual(2);
  });
});
