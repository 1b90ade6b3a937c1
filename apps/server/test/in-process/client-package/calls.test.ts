import {
  apiRoutes,
  type ClientErrorCode,
  DATA_EXPORT_FORMAT,
  type DataExport,
  isOpenmsgError,
  OpenmsgClient,
  OpenmsgError,
} from '@openmsg/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, eventually, freePort } from '../../peer-kit/nodes';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';

const PASSWORD = 'correct horse battery';

/** The error a call rejected with (the test fails if it did not). */
async function failure(call: Promise<unknown>): Promise<OpenmsgError> {
  const outcome = await call.then(
    () => new Error('the call succeeded'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof OpenmsgError)) throw outcome;
  return outcome;
}

/** @openmsg/client against a real node over loopback HTTP: sign-in both ways, typed calls, errors as their codes. */
describe.each(DATABASE_KINDS)('@openmsg/client calls (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  /** Ann on a.test, signed in by her session cookie (as a Node program without a browser). */
  let ann: OpenmsgClient;
  /** Bob on b.test, signed in with a personal access token. */
  let bob: OpenmsgClient;

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind));
    ann = new OpenmsgClient({ baseUrl: a.baseUrl });
    await ann.api.register({ body: { displayName: 'Ann Smith', password: PASSWORD, addressId: '10' } });
    const bobSignUp = new OpenmsgClient({ baseUrl: b.baseUrl });
    await bobSignUp.api.register({ body: { displayName: 'Bob Jones', password: PASSWORD, addressId: '20' } });
    const created = await bobSignUp.api.createToken({ body: { name: 'terminal' } });
    expect(created.token).toMatch(/^om_/);
    bob = new OpenmsgClient({ baseUrl: b.baseUrl, token: created.token });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('signs in with a token and with a password (cookie session and CSRF header), and signs out', async () => {
    expect(await bob.api.me()).toMatchObject({ address: '20*b.test', displayName: 'Bob Jones' });

    const session = new OpenmsgClient({ baseUrl: a.baseUrl });
    expect((await failure(session.api.me())).code).toBe('unauthenticated');
    expect(await session.signIn('10', PASSWORD)).toMatchObject({ address: '10*a.test' });
    expect(await session.api.me()).toMatchObject({ address: '10*a.test' });
    // A state-changing call under a cookie session passes only with the CSRF header, which the client adds from the om_csrf cookie.
    expect((await session.api.createPassCode({ body: { note: 'for the test' } })).code).toMatch(/^[0-9]{6}$/);
    await session.signOut();
    const signedOut = await failure(session.api.me());
    expect({ code: signedOut.code, status: signedOut.status }).toEqual({ code: 'unauthenticated', status: 401 });
    expect((await failure(new OpenmsgClient({ baseUrl: a.baseUrl }).signIn('10', 'not the password'))).code).toBe(
      'bad_credentials',
    );
  });

  it('refuses a state-changing call without the CSRF header (csrf_failed)', async () => {
    const withoutCsrf: typeof fetch = (input, init) => {
      const headers = { ...(init?.headers as Record<string, string>) };
      delete headers['x-csrf-token'];
      return fetch(input, { ...init, headers });
    };
    const session = new OpenmsgClient({ baseUrl: a.baseUrl, fetch: withoutCsrf });
    await session.signIn('10*a.test', PASSWORD);
    const refused = await failure(session.api.createPassCode({ body: {} }));
    expect({ code: refused.code, status: refused.status }).toEqual({ code: 'csrf_failed', status: 403 });
    expect(await session.api.me()).toMatchObject({ address: '10*a.test' }); // reading needs no CSRF header
  });

  it('connects, sends, lists and reads through the typed routes', async () => {
    const { code } = await bob.api.createPassCode({ body: {} });
    const contact = await ann.api.connect({ body: { address: '20*b.test', passCode: code } });
    expect(contact).toMatchObject({ address: '20*b.test', acceptsMessages: true });

    const sent = await ann.api.sendMessage({ body: { to: '20*b.test', text: 'hello from @openmsg/client' } });
    expect(sent).toMatchObject({ direction: 'out', state: 'queued', conversationId: contact.conversationId });
    const delivered = await eventually(async () => {
      const message = await ann.api.getMessage({ params: { id: sent.id } });
      return message.state === 'delivered' ? message : null;
    });
    expect(delivered.deliveredAt).not.toBeNull();

    const conversations = await bob.api.listConversations({ query: { limit: 10 } });
    const withAnn = conversations.items.find((item) => item.contact.address === '10*a.test');
    expect(withAnn).toMatchObject({
      unreadCount: 1,
      lastMessage: { direction: 'in', text: 'hello from @openmsg/client' },
    });
    const thread = await bob.call(apiRoutes.conversationMessages, { params: { conversationId: withAnn!.id } });
    expect(thread.items.map((message) => message.text)).toEqual(['hello from @openmsg/client']);
    expect(await bob.api.markConversationRead({ params: { conversationId: withAnn!.id } })).toEqual({ marked: 1 });
    expect((await bob.api.getConversation({ params: { conversationId: withAnn!.id } })).unreadCount).toBe(0);

    // A route that streams is opened raw: the download of one's data.
    const download = await bob.open(apiRoutes.exportMyData);
    const exported = (await download.json()) as DataExport;
    expect(exported).toMatchObject({
      format: DATA_EXPORT_FORMAT,
      account: { address: '20*b.test' },
      messages: [{ text: 'hello from @openmsg/client' }],
    });
  });

  it('rejects with the typed error union: code, status, message and fields', async () => {
    const missing = await failure(ann.api.getMessage({ params: { id: '00000000-0000-7000-8000-000000000000' } }));
    expect({ code: missing.code, status: missing.status, name: missing.name }).toEqual({
      code: 'not_found',
      status: 404,
      name: 'OpenmsgError',
    });
    expect(missing.is('not_found')).toBe(true);

    const invalid = await failure(ann.api.sendMessage({ body: { to: '', text: 'x' } }));
    expect({ code: invalid.code, status: invalid.status }).toEqual({ code: 'validation_failed', status: 400 });
    expect(invalid.fields).toContain('to');

    const notConnected = await failure(bob.api.sendMessage({ body: { to: '30*a.test', text: 'hi' } }));
    expect({ code: notConnected.code, status: notConnected.status, message: notConnected.message }).toEqual({
      code: 'not_connected',
      status: 404,
      message: 'you are not connected to 30*a.test',
    });
    const unreachable = await failure(
      ann.api.connect({ body: { address: '200*nowhere.invalid', passCode: '123456' } }),
    );
    expect({ code: unreachable.code, status: unreachable.status }).toEqual({ code: 'unreachable', status: 502 });

    const badToken = await failure(
      new OpenmsgClient({ baseUrl: b.baseUrl, token: 'om_not-a-token' }).api.listConversations(),
    );
    expect(isOpenmsgError(badToken, 'unauthenticated')).toBe(true);

    const nobodyThere = await failure(
      new OpenmsgClient({ baseUrl: `http://127.0.0.1:${await freePort()}`, token: 'om_x' }).api.me(),
    );
    expect({ code: nobodyThere.code, status: nobodyThere.status }).toEqual({ code: 'offline', status: 0 });

    // The code is a union of literals: a switch over it is checked by the compiler.
    const explain = (code: ClientErrorCode): string =>
      code === 'not_found' ? 'gone' : code === 'offline' ? 'no network' : 'other';
    expect([explain(missing.code), explain(nobodyThere.code), explain(invalid.code)]).toEqual([
      'gone',
      'no network',
      'other',
    ]);
  });
});
