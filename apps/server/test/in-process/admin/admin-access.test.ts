import { API_PREFIX, apiRoutes } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { InProcessNode } from '../kit/in-process-node';
import { ADMIN_ROUTES, anyCallOf, grantAdmin, revokeAdmin } from './admin-kit';

const PASSWORD = 'correct horse battery';

/** The admin console exists only for admins: everyone else gets the 404 of a path that does not exist, on every admin route. */
describe.each(DATABASE_KINDS)('admin routes answer 404 to anyone but an admin (%s)', (kind) => {
  let node: InProcessNode;
  let user: ApiClient;
  let userSession: SessionClient;
  let adminSession: SessionClient;

  beforeAll(async () => {
    node = await InProcessNode.start(kind, 'a.test');
    user = await node.createUser('100', 'Una User');
    userSession = node.session();
    expect((await userSession.register('Sam User', PASSWORD, { addressId: '200' })).status).toBe(201);
    adminSession = node.session();
    expect((await adminSession.register('Ada Admin', PASSWORD, { addressId: '1' })).status).toBe(201);
    await grantAdmin(node, '1');
  });
  afterAll(async () => {
    await node?.close();
  });

  it('marks every route under /admin as an admin route, and only those', () => {
    expect(ADMIN_ROUTES.length).toBeGreaterThanOrEqual(16);
    for (const [name, route] of Object.entries(apiRoutes))
      expect({ name, admin: route.path.startsWith('/admin/') }).toEqual({ name, admin: 'admin' in route && route.admin === true });
  });

  it('answers 404 not_found, like an unknown path, signed out, with a user token and with a user session (with CSRF)', async () => {
    const unknown = await userSession.call('GET', `${API_PREFIX}/admin/no-such-page`);
    expect(unknown).toMatchObject({ status: 404, body: { statusCode: 404, error: 'not_found' } });
    const signedOut = node.session();
    for (const [name, route] of ADMIN_ROUTES) {
      const { method, path, body } = anyCallOf(route);
      for (const [who, answer] of [
        ['signed out', await signedOut.call(method, path, body)],
        ['user token', await user.call(method, path, body)],
        ['user session', await userSession.call(method, path, body)],
      ] as const) {
        expect({ name, who, status: answer.status, error: answer.body?.error, message: answer.body?.message }).toEqual({
          name,
          who,
          status: 404,
          error: 'not_found',
          message: `Cannot ${method} ${path}`,
        });
      }
    }
  });

  it('answers 404 to 100 non-admin requests at once over every admin route, and changes nothing', async () => {
    const calls = Array.from({ length: 100 }, (_, i) => anyCallOf(ADMIN_ROUTES[i % ADMIN_ROUTES.length]![1]));
    const answers = await Promise.all(calls.map(({ method, path, body }, i) => (i % 2 ? user : userSession).call(method, path, body)));
    expect(answers.map((answer) => answer.status)).toEqual(calls.map(() => 404));
    const audit = await adminSession.call('GET', `${API_PREFIX}/admin/audit`);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['role.grant']); // the CLI's, before
  });

  it('lets the admin in, with the CSRF header on state-changing calls', async () => {
    expect(await adminSession.call('GET', `${API_PREFIX}/admin/overview`)).toMatchObject({ status: 200, body: { domain: 'a.test', accounts: { admins: 1 } } });
    const withoutCsrf = await adminSession.call('POST', `${API_PREFIX}/admin/invitations`, {}, { csrf: false });
    expect(withoutCsrf).toMatchObject({ status: 403, body: { error: 'csrf_failed' } });
    expect(await adminSession.call('POST', `${API_PREFIX}/admin/invitations`, {})).toMatchObject({ status: 201, body: { code: expect.stringMatching(/^inv_/) } });
    // Signed in or not, a user without the role never learns whether CSRF would have held.
    expect(await userSession.call('POST', `${API_PREFIX}/admin/invitations`, {}, { csrf: false })).toMatchObject({ status: 404 });
  });

  it('shows the role in /me, and takes the console away at once when the role is revoked', async () => {
    expect((await adminSession.call('GET', `${API_PREFIX}/me`)).body.role).toBe('admin');
    expect((await userSession.call('GET', `${API_PREFIX}/me`)).body.role).toBe('user');
    await grantAdmin(node, '200');
    expect((await userSession.call('GET', `${API_PREFIX}/admin/overview`)).status).toBe(200);
    await revokeAdmin(node, '200');
    expect((await userSession.call('GET', `${API_PREFIX}/admin/overview`)).status).toBe(404);
  });
});
