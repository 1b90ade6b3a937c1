import { randomBytes, randomUUID } from 'node:crypto';
import {
  API_ERRORS,
  API_PREFIX,
  type ApiError,
  type ApiErrorCode,
  apiPath,
  type ApiRouteName,
  apiRoutes,
} from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { InProcessNode } from '../kit/in-process-node';

/** Every failure answers `{statusCode, error, message}` with the HTTP status its code has in the contract (API_ERRORS). */
describe.each(DATABASE_KINDS)('error codes answer their contract status (%s)', (kind) => {
  let node: InProcessNode;
  let alice: ApiClient;

  beforeAll(async () => {
    node = await InProcessNode.start(kind, 'a.test', { OPENMSG_BODY_LIMIT_BYTES: '4096' });
    alice = await node.createUser('100', 'Alice');
  });
  afterAll(async () => {
    await node?.close();
  });

  const expectCode = (answer: { status: number; body: unknown }, code: ApiErrorCode) => {
    const body = answer.body as ApiError;
    expect({ status: answer.status, statusCode: body.statusCode, error: body.error }).toEqual({
      status: API_ERRORS[code].status,
      statusCode: API_ERRORS[code].status,
      error: code,
    });
    expect(typeof body.message).toBe('string');
  };

  it('answers the codes of services, validation and authentication', async () => {
    expectCode(await alice.send('200*b.test', 'hello'), 'not_connected');
    expect((await alice.send('200*b.test', 'hello')).body.message).toBe('you are not connected to 200*b.test');
    expectCode(await alice.send('200*b.test', '   '), 'empty_message');
    expectCode(await alice.call('sendMessage', { body: { to: '', text: 'x' } }), 'validation_failed');
    expectCode(await alice.message(randomUUID()), 'not_found');
    expectCode(await alice.callUntyped('getMessage', { params: { id: 'no-such-message' } }), 'validation_failed');
    expectCode(await alice.call('searchMessages', { query: { q: 'hello', cursor: '!!' } }), 'bad_cursor');
    expectCode(
      await alice.call('changePassword', {
        body: { currentPassword: 'not the password', newPassword: 'a new long passphrase' },
      }),
      'wrong_password',
    );
    expectCode(await alice.connect(alice.address, '123456'), 'self');
    expectCode(
      await alice.call('register', {
        body: { addressId: '100', displayName: 'Impostor', password: 'a long enough passphrase' },
      }),
      'address_taken',
    );
    expectCode(
      await alice.call('login', { body: { address: '100', password: 'not the password' } }),
      'bad_credentials',
    );
    expectCode(await alice.connect('200*nowhere.invalid', '123456'), 'unreachable'); // the name does not resolve
    const anonymous = await node.fetch(apiPath('me'));
    expectCode({ status: anonymous.status, body: await anonymous.json() }, 'unauthenticated');
  });

  it('answers what the HTTP layer refuses with the generic code of its status', async () => {
    expectCode(await alice.raw('GET', `${API_PREFIX}/no-such-route`), 'not_found');
    expectCode(
      await alice.call('sendMessage', { body: { to: '200*b.test', text: 'x'.repeat(8000) } }),
      'payload_too_large',
    );
    const plain = await node.fetch(apiPath('sendMessage'), {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expectCode({ status: plain.status, body: await plain.json() }, 'unsupported_media_type');
  });

  /**
   * Every route with path parameters, with a body it would take, so only the parameter is wrong. Admin
   * routes answer 404 to a user before anything else (test/in-process/admin/admin-access.test.ts checks
   * their parameters as an admin).
   */
  const routesWithParams = (Object.keys(apiRoutes) as ApiRouteName[]).filter(
    (name) => apiRoutes[name].params && !apiRoutes[name].admin,
  );
  const validBodies: Partial<Record<ApiRouteName, unknown>> = {
    updateContact: { localName: 'Al' },
    muteConversation: { muted: true },
  };

  it.each(routesWithParams)(
    '%s: a malformed id in the path is a 400 validation_failed naming it, never a lookup or a 500',
    async (name) => {
      const route = apiRoutes[name];
      const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
      for (const malformed of ['not-an-id', '1', `${randomUUID()}x`, 'a\u0000b', "' OR 1=1 --"]) {
        const params = Object.fromEntries(names.map((param) => [param, malformed]));
        const answer = await alice.callUntyped(name, { params, body: validBodies[name] });
        expectCode(answer, 'validation_failed');
        expect(answer.body.fields).toEqual(names);
      }
      // An id is a UUID; a shared file's token is 32 random bytes in base64url.
      const wellFormed = Object.fromEntries(
        names.map((param) => [param, param === 'token' ? randomBytes(32).toString('base64url') : randomUUID()]),
      );
      expectCode(await alice.callUntyped(name, { params: wellFormed, body: validBodies[name] }), 'not_found');
    },
  );
});
