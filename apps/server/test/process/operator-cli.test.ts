import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, startTestNode, type TestNode } from '../peer-kit/nodes';
import { SessionClient } from '../peer-kit/session-client';

const PASSWORD = 'correct horse battery';

/**
 * The admin CLI as the operator runs it, a process next to the running node on the same database.
 * What each command means for an account is tested in-process (test/in-process/client-api/accounts.test.ts).
 */
describe.each(DATABASE_KINDS)('the operator CLI next to a running node (%s)', (kind) => {
  let node: TestNode;

  beforeAll(async () => {
    node = await startTestNode(kind, 'a.test', { OPENMSG_REGISTRATION: 'invite', LOG_LEVEL: 'info' });
  });
  afterAll(() => node?.dispose());

  it('resets a password to a printed random one, disables and enables an account, and lists users', async () => {
    const created = await node.admin('create-user', '--id', '1007', '--name', 'Gus Grissom', '--token');
    expect(created).toMatchObject({
      address: '1007*a.test',
      displayName: 'Gus Grissom',
      token: expect.stringMatching(/^om_/),
    });
    const reset = await node.admin('reset-password', '--id', '1007');
    expect(reset).toMatchObject({ address: '1007*a.test', password: expect.any(String), revokedTokens: 1 });
    expect((await new SessionClient(node.baseUrl).login('1007', reset.password)).status).toBe(200);

    expect(await node.admin('disable-user', '--id', '1007')).toEqual({ address: '1007*a.test', disabled: true });
    expect((await new SessionClient(node.baseUrl).login('1007', reset.password)).status).toBe(401);
    expect(await node.admin('enable-user', '--id', '1007')).toEqual({ address: '1007*a.test', disabled: false });
    expect((await new SessionClient(node.baseUrl).login('1007', reset.password)).status).toBe(200);
    expect(await node.admin('list-users')).toEqual([
      expect.objectContaining({ address: '1007*a.test', displayName: 'Gus Grissom', disabled: false }),
    ]);
  });

  it('makes single-use invitations the running node accepts', async () => {
    const { code } = await node.admin('create-invite', '--note', 'for Hal');
    expect(
      (await new SessionClient(node.baseUrl).register('Hal Nine', PASSWORD, { invitationCode: code })).status,
    ).toBe(201);
    expect(
      (await new SessionClient(node.baseUrl).register('Hal Copy', PASSWORD, { invitationCode: code })).body,
    ).toMatchObject({ error: 'invitation_invalid' });
  });

  it('deletes an account once, even when run five times at once, and keeps its address reserved', async () => {
    await node.admin('create-user', '--id', '1008', '--name', 'Ida Leaving', '--password', PASSWORD);
    const ida = new SessionClient(node.baseUrl);
    expect((await ida.login('1008', PASSWORD)).status).toBe(200);
    const runs = await Promise.allSettled(Array.from({ length: 5 }, () => node.admin('delete-user', '--id', '1008')));
    expect(runs.filter((run) => run.status === 'fulfilled').map((run) => run.value)).toEqual([
      { address: '1008*a.test', deleted: true },
    ]);
    for (const run of runs.filter((candidate) => candidate.status === 'rejected'))
      expect(String(run.reason)).toMatch(/account .*deleted/);
    expect((await ida.call('me')).status).toBe(401);
    expect((await new SessionClient(node.baseUrl).login('1008', PASSWORD)).status).toBe(401);
    await expect(node.admin('create-user', '--id', '1008', '--name', 'Someone Else')).rejects.toThrow(/taken/);
    await expect(node.admin('enable-user', '--id', '1008')).rejects.toThrow(/deleted/);
  });

  it('grants and revokes the admin role: the running node opens and closes its admin console at once, and audits both', async () => {
    await node.admin('create-user', '--id', '1009', '--name', 'Jo Operator', '--password', PASSWORD);
    const jo = new SessionClient(node.baseUrl);
    expect((await jo.login('1009', PASSWORD)).status).toBe(200);
    expect((await jo.call('adminOverview')).status).toBe(404);
    expect(await node.admin('grant-admin', '--id', '1009')).toEqual({
      address: '1009*a.test',
      role: 'admin',
      changed: true,
    });
    expect(await node.admin('grant-admin', '--id', '1009')).toEqual({
      address: '1009*a.test',
      role: 'admin',
      changed: false,
    });
    expect((await jo.call('me')).body.role).toBe('admin');
    expect(await jo.call('adminOverview')).toMatchObject({ status: 200, body: { accounts: { admins: 1 } } });
    expect(await node.admin('list-users')).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: '1009*a.test', role: 'admin' })]),
    );
    const audit = (await jo.call('adminAudit')).body.items;
    expect(audit[0]).toMatchObject({ actor: 'admin CLI', action: 'role.grant', target: '1009*a.test' });
    expect(await node.admin('revoke-admin', '--id', '1009')).toEqual({
      address: '1009*a.test',
      role: 'user',
      changed: true,
    });
    expect((await jo.call('adminOverview')).status).toBe(404);
    await expect(node.admin('grant-admin')).rejects.toThrow(/grant-admin needs --id/);
    await expect(node.admin('grant-admin', '--id', '424242')).rejects.toThrow(/no account with ID 424242/);
  });

  it('writes only JSON lines to stdout and stderr, and no password or token', () => {
    const lines = node.logs().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(node.logs()).not.toMatch(/om_[A-Za-z0-9_-]{20,}/);
    expect(node.logs()).not.toContain(PASSWORD);
  });
});
