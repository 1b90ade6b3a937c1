import { randomUUID } from 'node:crypto';
import { apiPath } from '@openmsg/core';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { type InProcessNode, inProcessNodeForSuite } from '../kit/in-process-node';

const PASSWORD = 'correct horse battery';

describe.each(DATABASE_KINDS)('personal answers (%s)', (kind) => {
  let node: InProcessNode;
  inProcessNodeForSuite(kind, 'a.test', (started) => (node = started));

  const cacheControl = async (path: string, headers: Record<string, string> = {}) =>
    (await node.fetch(path, { headers })).headers.get('cache-control');

  it('forbids caching every per-user answer, errors included; the public node description may be cached', async () => {
    const ann = node.session();
    await ann.register('Ann Smith', PASSWORD, { addressId: '1001' });
    const token: string = (await ann.call('createToken', { body: { name: 'script' } })).body.token;
    const bearer = { authorization: `Bearer ${token}` };
    for (const path of [
      apiPath('me'),
      apiPath('listTokens'),
      apiPath('listConversations'),
      apiPath('listContacts'),
      apiPath('listPassCodes'),
      apiPath('searchMessages', { query: { q: 'x' } }),
      apiPath('getMessage', { params: { id: randomUUID() } }),
      `${apiPath('getContact', { params: { id: randomUUID() } })}/`,
    ]) {
      expect({ path, cacheControl: await cacheControl(path, bearer) }).toEqual({ path, cacheControl: 'no-store' });
    }
    expect(await cacheControl(apiPath('me'))).toBe('no-store'); // 401
    const login = await node.fetch(apiPath('login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: '1001', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect(await cacheControl(apiPath('nodeInfo'))).not.toBe('no-store');
    expect(await cacheControl('/healthz')).not.toBe('no-store');
  });

  it('revokes every access token of the account on a password change, and says how many', async () => {
    const bea = node.session();
    await bea.register('Bea Arthur', PASSWORD, { addressId: '1002' });
    const other = node.session();
    await other.register('Other One', PASSWORD, { addressId: '1003' });
    const othersToken: string = (await other.call('createToken', { body: { name: 'keeps working' } })).body.token;
    // Tokens made at once, used at once: every one works before, none after.
    const tokens: string[] = (
      await Promise.all(Array.from({ length: 30 }, (_, i) => bea.call('createToken', { body: { name: `shop ${i}` } })))
    ).map((r) => r.body.token);
    const meWith = (token: string) =>
      node.fetch(apiPath('me'), { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(new Set(await Promise.all(tokens.map(meWith)))).toEqual(new Set([200]));

    const changed = await bea.call('changePassword', {
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed).toEqual({ status: 200, body: { revokedTokens: 30 } });
    expect(new Set(await Promise.all(tokens.map(meWith)))).toEqual(new Set([401]));
    expect((await bea.call('listTokens')).body.items).toEqual([]);
    expect((await bea.call('me')).status).toBe(200); // the session that asked stays
    expect(await meWith(othersToken)).toBe(200);

    const fresh: string = (await bea.call('createToken', { body: { name: 'after' } })).body.token;
    expect(await meWith(fresh)).toBe(200);
    const wrong = await bea.call('changePassword', {
      body: { currentPassword: 'not the password', newPassword: 'yet another passphrase' },
    });
    expect(wrong.body).toMatchObject({ error: 'wrong_password' });
    expect(await meWith(fresh)).toBe(200); // a refused change revokes nothing

    const reset = await node.operator.resetPassword('1002', 'set by the operator');
    expect(reset.revokedTokens).toBe(1);
    expect(await meWith(fresh)).toBe(401);
  });
});
