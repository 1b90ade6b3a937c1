import { apiPath } from '@openmsg/core';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { InProcessNode, inProcessNodeForSuite } from '../kit/in-process-node';

const PASSWORD = 'correct horse battery';

describe.each(DATABASE_KINDS)('accounts and sessions (%s)', (kind) => {
  let node: InProcessNode;
  inProcessNodeForSuite(kind, 'a.test', (started) => (node = started));

  it('registers with a picked number, sets a hardened session cookie and a readable CSRF cookie', async () => {
    const ann = node.session();
    const registered = await ann.register('Ann Smith', PASSWORD, { addressId: '1001' });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      address: '1001*a.test',
      addressId: '1001',
      displayName: 'Ann Smith',
      allowReplies: true,
    });
    const session = ann.lastSetCookies.find((line) => line.startsWith('om_session='));
    const csrf = ann.lastSetCookies.find((line) => line.startsWith('om_csrf='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Secure/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect((await ann.call('me')).body).toMatchObject({ address: '1001*a.test' });
  });

  it('assigns a random, non-sequential number when none is picked, and refuses a taken one', async () => {
    const first = await node.session().register('Random One', PASSWORD);
    const second = await node.session().register('Random Two', PASSWORD);
    expect(first.body.addressId).toMatch(/^[1-9][0-9]{7}$/);
    expect(Math.abs(Number(first.body.addressId) - Number(second.body.addressId))).toBeGreaterThan(1);
    const taken = await node.session().register('Copy Cat', PASSWORD, { addressId: '1001' });
    expect(taken).toMatchObject({ status: 409, body: { error: 'address_taken' } });
  });

  it('names every bad field of a sign-up', async () => {
    const bad = await node.session().register('<script>', 'short', { addressId: '12ab' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(bad.body.fields).toEqual(expect.arrayContaining(['displayName', 'password', 'addressId']));
    expect((await node.session().callUntyped('register', { body: 'not json' })).status).toBe(400);
  });

  it('takes API bodies only as JSON, so another site cannot post a form in a visitor’s name', async () => {
    const form = await node.fetch(apiPath('login'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ address: '1001', password: PASSWORD }),
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ error: 'unsupported_media_type' });
    expect(form.headers.getSetCookie()).toEqual([]);
  });

  it('signs in with the full address or the number, and refuses a wrong password the same way as an unknown account', async () => {
    await node.session().register('Ben Jones', PASSWORD, { addressId: '1002' });
    expect((await node.session().login('1002*a.test', PASSWORD)).status).toBe(200);
    expect((await node.session().login('1002', PASSWORD)).status).toBe(200);
    const wrong = await node.session().login('1002', 'wrong password!');
    const unknown = await node.session().login('99999', 'wrong password!');
    expect(wrong).toEqual({
      status: 401,
      body: { statusCode: 401, error: 'bad_credentials', message: 'wrong address or password' },
    });
    expect(unknown).toEqual(wrong);
    expect((await node.session().login('1002*other.test', PASSWORD)).status).toBe(401);
  });

  it('rate-limits failed sign-ins per account, even for the right password', async () => {
    await node.session().register('Target User', PASSWORD, { addressId: '1003' });
    for (let i = 0; i < 10; i++) expect((await node.session().login('1003', `guess number ${i}`)).status).toBe(401);
    const blocked = await node.session().login('1003', PASSWORD);
    expect(blocked).toMatchObject({ status: 429, body: { error: 'too_many_attempts' } });
  });

  it('needs the CSRF header for changes made with a session cookie, but not for reads or access tokens', async () => {
    const cat = node.session();
    await cat.register('Cat Power', PASSWORD);
    expect((await cat.call('createPassCode', { body: {} }, { csrf: false })).body).toMatchObject({
      error: 'csrf_failed',
    });
    expect((await cat.call('listPassCodes')).status).toBe(200);
    const token = await cat.call('createToken', { body: { name: 'shop' } });
    expect(token.status).toBe(201);
    const withToken = await node.fetch(apiPath('createPassCode'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token.body.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(withToken.status).toBe(201);
  });

  it('lists and revokes access tokens; a revoked token stops working', async () => {
    const dan = node.session();
    await dan.register('Dan Brown', PASSWORD);
    const created = await dan.call('createToken', { body: { name: 'orders' } });
    expect(created.body.token).toMatch(/^om_/);
    const listed = await dan.call('listTokens');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id, name: 'orders' })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const me = () =>
      node.fetch(apiPath('me'), { headers: { authorization: `Bearer ${created.body.token}` } }).then((r) => r.status);
    expect(await me()).toBe(200);
    expect((await dan.call('revokeToken', { params: { id: created.body.id } })).status).toBe(204);
    expect(await me()).toBe(401);
    expect((await dan.call('createToken', { body: { name: '' } })).status).toBe(400);
  });

  it('signs out: the old cookie no longer works; sign out everywhere ends every session', async () => {
    const eve = node.session();
    await eve.register('Eve Online', PASSWORD, { addressId: '1005' });
    const stolen = eve.cookieHeader();
    expect((await eve.call('logout')).status).toBe(204);
    expect((await node.fetch(apiPath('me'), { headers: { cookie: stolen } })).status).toBe(401);

    const laptop = node.session();
    const phone = node.session();
    await laptop.login('1005', PASSWORD);
    await phone.login('1005', PASSWORD);
    expect((await laptop.call('logoutEverywhere')).status).toBe(204);
    expect((await phone.call('me')).status).toBe(401);
    expect((await laptop.call('me')).status).toBe(401);
  });

  it('changes the profile and the password; other sessions end, this one stays', async () => {
    const fay = node.session();
    await fay.register('Fay Wray', PASSWORD, { addressId: '1006' });
    const other = node.session();
    await other.login('1006', PASSWORD);
    expect((await fay.call('updateMe', { body: { displayName: 'Fay W', allowReplies: false } })).body).toMatchObject({
      displayName: 'Fay W',
      allowReplies: false,
    });
    expect((await fay.call('updateMe', { body: {} })).status).toBe(400);
    expect(
      (
        await fay.call('changePassword', {
          body: { currentPassword: 'not it at all', newPassword: 'another long one' },
        })
      ).body,
    ).toMatchObject({ error: 'wrong_password' });
    expect(
      (await fay.call('changePassword', { body: { currentPassword: PASSWORD, newPassword: 'another long one' } })).body,
    ).toEqual({ revokedTokens: 0 });
    expect((await fay.call('me')).status).toBe(200);
    expect((await other.call('me')).status).toBe(401);
    expect((await node.session().login('1006', 'another long one')).status).toBe(200);
  });

  it('lets the operator reset a password and disable an account', async () => {
    const gus = node.session();
    await gus.register('Gus Grissom', PASSWORD, { addressId: '1007' });
    const token = (await gus.call('createToken', { body: { name: 'script' } })).body.token;
    const reset = { password: 'set by the operator' };
    expect(await node.operator.resetPassword('1007', reset.password)).toEqual({ revokedTokens: 1 });
    expect((await gus.call('me')).status).toBe(401);
    expect((await node.session().login('1007', reset.password)).status).toBe(200);

    await node.operator.disableUser('1007');
    expect((await node.session().login('1007', reset.password)).status).toBe(401);
    expect((await node.fetch(apiPath('me'), { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await node.operator.enableUser('1007');
    expect((await node.session().login('1007', reset.password)).status).toBe(200);
    const users = await node.operator.listUsers();
    expect(users).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: '1007*a.test', disabled: false })]),
    );
  });

  it('answers 401 with a JSON error without a session', async () => {
    const response = await node.session().call('listConversations');
    expect(response).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
  });
});

describe.each(DATABASE_KINDS)('registration modes (%s)', (kind) => {
  it('refuses sign-ups when closed, and takes each invitation once when by invitation', async () => {
    const closed = await InProcessNode.start(kind, 'closed.test', { OPENMSG_REGISTRATION: 'closed' });
    try {
      expect((await closed.session().call('nodeInfo')).body).toMatchObject({ registration: 'closed' });
      expect((await closed.session().register('Nope Nope', PASSWORD)).body).toMatchObject({
        error: 'registration_closed',
      });
    } finally {
      await closed.close();
    }
    const invite = await InProcessNode.start(kind, 'invite.test', { OPENMSG_REGISTRATION: 'invite' });
    try {
      const { code } = await invite.operator.createInvite('for Hal');
      expect((await invite.session().register('No Code', PASSWORD)).body).toMatchObject({
        error: 'invitation_invalid',
      });
      expect((await invite.session().register('Hal Nine', PASSWORD, { invitationCode: code })).status).toBe(201);
      expect((await invite.session().register('Hal Copy', PASSWORD, { invitationCode: code })).body).toMatchObject({
        error: 'invitation_invalid',
      });
    } finally {
      await invite.close();
    }
  });
});
