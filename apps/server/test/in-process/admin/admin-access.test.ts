import { API_PREFIX, apiRoutes } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { contractRequest } from '../../peer-kit/contract-call';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { InProcessNode } from '../kit/in-process-node';
import { ADMIN_ROUTES, anyInputOf, grantAdmin, revokeAdmin, takesParams } from './admin-kit';

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
      expect({ name, admin: route.path.startsWith('/admin/') }).toEqual({
        name,
        admin: ADMIN_ROUTES.includes(name as (typeof ADMIN_ROUTES)[number]),
      });
  });

  it('answers 404 not_found, like an unknown path, signed out, with a user token and with a user session (with CSRF)', async () => {
    const unknown = await userSession.raw('GET', `${API_PREFIX}/admin/no-such-page`);
    expect(unknown).toMatchObject({ status: 404, body: { statusCode: 404, error: 'not_found' } });
    const signedOut = node.session();
    // The guard answers before the path parameters are validated: a malformed one is a 404 too, never a 400.
    for (const name of ADMIN_ROUTES) {
      for (const params of takesParams(name) ? (['well-formed', 'malformed'] as const) : (['well-formed'] as const)) {
        const input = anyInputOf(name, params);
        const { method, path } = contractRequest(name, input);
        for (const [who, answer] of [
          ['signed out', await signedOut.callUntyped(name, input)],
          ['user token', await user.callUntyped(name, input)],
          ['user session', await userSession.callUntyped(name, input)],
        ] as const) {
          expect({
            name,
            params,
            who,
            status: answer.status,
            error: answer.body?.error,
            message: answer.body?.message,
          }).toEqual({
            name,
            params,
            who,
            status: 404,
            error: 'not_found',
            message: `Cannot ${method} ${path}`,
          });
        }
      }
    }
  });

  it('answers 404 to 100 non-admin requests at once over every admin route, and changes nothing', async () => {
    const names = Array.from({ length: 100 }, (_, i) => ADMIN_ROUTES[i % ADMIN_ROUTES.length]!);
    const answers = await Promise.all(
      names.map((name, i) => (i % 2 ? user : userSession).callUntyped(name, anyInputOf(name))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(names.map(() => 404));
    const audit = await adminSession.call('adminAudit');
    expect(audit.body.items.map((entry) => entry.action)).toEqual(['role.grant']); // the CLI's, before
  });

  it('validates the path parameters for an admin only: a malformed one is a 400 validation_failed naming it', async () => {
    for (const name of ADMIN_ROUTES.filter(takesParams)) {
      const input = anyInputOf(name, 'malformed');
      const answer = await adminSession.callUntyped(name, input);
      expect({ name, status: answer.status, error: answer.body?.error, fields: answer.body?.fields }).toEqual({
        name,
        status: 400,
        error: 'validation_failed',
        fields: Object.keys(input.params ?? {}),
      });
    }
  });

  it('lets the admin in, with the CSRF header on state-changing calls', async () => {
    expect(await adminSession.call('adminOverview')).toMatchObject({
      status: 200,
      body: { domain: 'a.test', accounts: { admins: 1 } },
    });
    const withoutCsrf = await adminSession.call('adminCreateInvitation', { body: {} }, { csrf: false });
    expect(withoutCsrf).toMatchObject({ status: 403, body: { error: 'csrf_failed' } });
    expect(await adminSession.call('adminCreateInvitation', { body: {} })).toMatchObject({
      status: 201,
      body: { code: expect.stringMatching(/^inv_/) },
    });
    // Signed in or not, a user without the role never learns whether CSRF would have held.
    expect(await userSession.call('adminCreateInvitation', { body: {} }, { csrf: false })).toMatchObject({
      status: 404,
    });
  });

  it('shows the role in /me, and takes the console away at once when the role is revoked', async () => {
    expect((await adminSession.call('me')).body.role).toBe('admin');
    expect((await userSession.call('me')).body.role).toBe('user');
    await grantAdmin(node, '200');
    expect((await userSession.call('adminOverview')).status).toBe(200);
    await revokeAdmin(node, '200');
    expect((await userSession.call('adminOverview')).status).toBe(404);
  });
});
