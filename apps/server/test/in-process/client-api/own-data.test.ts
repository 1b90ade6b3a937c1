import { apiPath, type DataExport, generateSecretHex } from '@openmsg/core';
import { v7 as timeOrderedUuid } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_PAGE_SIZE } from '../../../src/export/data-export.service';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';

const PASSWORD = 'correct horse battery';

/** Connects `from` to `to` (address) with a pass code `to` makes; returns the pass code's answer on `from`. */
async function connect(from: SessionClient, to: SessionClient, toAddress: string) {
  const code = (await to.call('createPassCode', { body: {} })).body.code as string;
  const connected = await from.call('connect', { body: { address: toAddress, passCode: code } });
  expect(connected.status).toBe(201);
  return connected.body;
}

/** The user's own data: search that ignores case and accents, the export, and deleting the account. */
describe.each(DATABASE_KINDS)('own data (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;

  beforeAll(async () => {
    // Node a keeps texts encrypted at rest: search and the export must open them.
    ({ a, b } = await startInProcessPair(kind, { a: { OPENMSG_NODE_KEY: generateSecretHex() } }));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  describe('search', () => {
    let ann: SessionClient;
    beforeAll(async () => {
      ann = a.session();
      const zoe = b.session();
      const bob = b.session();
      await ann.register('Ann Search', PASSWORD, { addressId: '100' });
      await zoe.register('Zoë Ångström', PASSWORD, { addressId: '200' });
      await bob.register('Bob Plain', PASSWORD, { addressId: '201' });
      await connect(ann, zoe, '200*b.test');
      await connect(ann, bob, '201*b.test');
      for (const text of ['Un café, s’il vous plaît', 'CAFE DU MONDE', 'tea only']) {
        const sent = await ann.call('sendMessage', { body: { to: '200*b.test', text } });
        expect(sent.status).toBe(201);
      }
      const fromZoe = await zoe.call('sendMessage', { body: { to: '100*a.test', text: 'un cafe\u0301 décomposé' } });
      expect(fromZoe.status).toBe(201);
      await eventually(
        async () => (await ann.call('searchMessages', { query: { q: 'decompose' } })).body.items.length === 1,
      );
    });

    it('finds message text whatever the case and accents, newest first', async () => {
      const found = await ann.call('searchMessages', { query: { q: 'CAFE' } });
      expect(found.status).toBe(200);
      expect(found.body.items.map((message: { text: string }) => message.text)).toEqual([
        'un cafe\u0301 décomposé',
        'CAFE DU MONDE',
        'Un café, s’il vous plaît',
      ]);
      expect((await ann.call('searchMessages', { query: { q: 'Café' } })).body.items).toHaveLength(3);
      expect((await ann.call('searchMessages', { query: { q: 'coffee' } })).body.items).toEqual([]);
    });

    it('pages the matches with a cursor', async () => {
      const first = await ann.call('searchMessages', { query: { q: 'cafe', limit: '2' } });
      expect(first.body.items).toHaveLength(2);
      const rest = await ann.call('searchMessages', {
        query: { q: 'cafe', limit: '2', cursor: first.body.nextCursor! },
      });
      expect(rest.body.items.map((message: { text: string }) => message.text)).toEqual(['Un café, s’il vous plaît']);
    });

    it('finds contacts by name and address, case and accents ignored', async () => {
      const byName = await ann.call('searchContacts', { query: { q: 'zoe' } });
      expect(byName.status).toBe(200);
      expect(byName.body.items.map((contact: { address: string }) => contact.address)).toEqual(['200*b.test']);
      expect((await ann.call('searchContacts', { query: { q: 'ANGSTROM' } })).body.items).toHaveLength(1);
      expect(
        (await ann.call('searchContacts', { query: { q: '201*B.TEST' } })).body.items.map(
          (contact: { name: string }) => contact.name,
        ),
      ).toEqual(['Bob Plain']);
      expect((await ann.call('searchContacts', { query: { q: 'b.test', limit: '1' } })).body.items).toHaveLength(1);
      expect((await ann.call('searchContacts', { query: { q: 'nobody' } })).body.items).toEqual([]);
      expect((await ann.call('searchContacts')).body).toMatchObject({ error: 'validation_failed', fields: ['q'] });
    });
  });

  describe('export', () => {
    let cat: SessionClient;
    let catToken: string;
    let catAccountId: string;
    const BULK = EXPORT_PAGE_SIZE * 2 + 37;

    beforeAll(async () => {
      cat = a.session();
      const dan = b.session();
      catAccountId = (await cat.register('Cat Export', PASSWORD, { addressId: '300' })).body.id;
      await dan.register('Dan Peer', PASSWORD, { addressId: '400' });
      const contact = await connect(cat, dan, '400*b.test');
      const sent = await cat.call('sendMessage', { body: { to: '400*b.test', text: 'secret plans 🙂' } });
      await eventually(
        async () => (await cat.call('getMessage', { params: { id: sent.body.id } })).body.state === 'delivered',
      );
      await dan.call('sendMessage', { body: { to: '300*a.test', text: 'got it "quoted" \\ back' } });
      await eventually(
        async () => (await cat.call('searchMessages', { query: { q: 'quoted' } })).body.items.length === 1,
      );
      // Many more, written straight to the database (as stored before the node key existed: plain).
      const start = Date.parse('2026-01-01T00:00:00Z');
      await a.db.message.createMany({
        data: Array.from({ length: BULK }, (_, i) => ({
          id: timeOrderedUuid(),
          accountId: catAccountId,
          connectionId: contact.id,
          otherAddress: '400*b.test',
          direction: i % 2 ? 'in' : 'out',
          body: `bulk message ${i}`,
          state: i % 2 ? 'received' : 'delivered',
          createdAt: new Date(start + i * 1000),
        })),
      });
      catToken = (await cat.call('createToken', { body: { name: 'export' } })).body.token;
    });

    it('downloads every contact and message, texts opened, oldest first, as one valid JSON attachment', async () => {
      const response = await a.fetch(apiPath('exportMyData'), { headers: { cookie: cat.cookieHeader() } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="openmsg-export-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const data = JSON.parse(await response.text()) as DataExport;
      expect(data).toMatchObject({
        format: 'openmsg-export-1',
        account: { address: '300*a.test', displayName: 'Cat Export' },
      });
      expect(data.contacts).toEqual([expect.objectContaining({ address: '400*b.test', name: 'Dan Peer' })]);
      expect(data.messages).toHaveLength(BULK + 2);
      expect(data.messages.slice(0, 3).map((message) => message.text)).toEqual([
        'bulk message 0',
        'bulk message 1',
        'bulk message 2',
      ]);
      expect(data.messages.slice(-2)).toEqual([
        expect.objectContaining({
          direction: 'out',
          state: 'delivered',
          text: 'secret plans 🙂',
          otherAddress: '400*b.test',
        }),
        expect.objectContaining({ direction: 'in', state: 'received', text: 'got it "quoted" \\ back' }),
      ]);
      const times = data.messages.map((message) => message.createdAt);
      expect([...times].sort()).toEqual(times);
      expect(new Set(data.messages.map((message) => message.id)).size).toBe(BULK + 2);
      // The stored texts of real messages are ciphertext; none reaches the export.
      const stored = await a.db.message.findMany({ where: { accountId: catAccountId, body: { startsWith: 'enc1:' } } });
      expect(stored).toHaveLength(2);
      const raw = JSON.stringify(data);
      for (const row of stored) expect(raw).not.toContain(row.body);
    });

    it('streams the answer in several pieces over HTTP, with an access token too', async () => {
      const response = await fetch(`${a.baseUrl}${apiPath('exportMyData')}`, {
        headers: { authorization: `Bearer ${catToken}` },
      });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let chunks = 0;
      let text = '';
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        chunks++;
        text += decoder.decode(read.value, { stream: true });
      }
      expect(chunks).toBeGreaterThanOrEqual(3);
      expect((JSON.parse(text) as DataExport).messages).toHaveLength(BULK + 2);
    });

    it('exports nothing of other users and needs a signed-in user', async () => {
      const eve = a.session();
      await eve.register('Eve Empty', PASSWORD, { addressId: '301' });
      const data = JSON.parse(
        await (await a.fetch(apiPath('exportMyData'), { headers: { cookie: eve.cookieHeader() } })).text(),
      ) as DataExport;
      expect(data).toMatchObject({ account: { address: '301*a.test' }, contacts: [], messages: [] });
      const anonymous = await a.fetch(apiPath('exportMyData'));
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: 'unauthenticated' });
    });
  });

  describe('deleting the account', () => {
    it('needs the right password: a wrong one deletes nothing', async () => {
      const fay = a.session();
      await fay.register('Fay Careful', PASSWORD, { addressId: '500' });
      const wrong = await fay.call('deleteMe', { body: { password: 'not my password' } });
      expect(wrong).toMatchObject({ status: 400, body: { error: 'wrong_password', fields: ['password'] } });
      expect((await fay.callUntyped('deleteMe', { body: {} })).body).toMatchObject({
        error: 'validation_failed',
        fields: ['password'],
      });
      expect((await fay.call('deleteMe', { body: { password: PASSWORD } }, { csrf: false })).body).toMatchObject({
        error: 'csrf_failed',
      });
      expect((await fay.call('me')).body).toMatchObject({ address: '500*a.test', displayName: 'Fay Careful' });
    });

    it('removes sessions, tokens, pass codes, contacts and messages, keeps the address reserved, and peers get SM_E001', async () => {
      const gus = a.session();
      const hal = b.session();
      const gusId = (await gus.register('Gus Leaving', PASSWORD, { addressId: '600' })).body.id;
      await hal.register('Hal Staying', PASSWORD, { addressId: '700' });
      await connect(hal, gus, '600*a.test');
      const fromHal = await hal.call('sendMessage', { body: { to: '600*a.test', text: 'before' } });
      await eventually(
        async () => (await hal.call('getMessage', { params: { id: fromHal.body.id } })).body.state === 'delivered',
      );
      const otherBrowser = a.session();
      await otherBrowser.login('600', PASSWORD);
      const token = (await gus.call('createToken', { body: { name: 'script' } })).body.token;
      const openCode = (await gus.call('createPassCode', { body: {} })).body.code;
      // A message still waiting for its next attempt: deleted with the rest, never sent.
      const gusContact = await a.db.connection.findFirstOrThrow({ where: { accountId: gusId } });
      await a.db.message.create({
        data: {
          accountId: gusId,
          connectionId: gusContact.id,
          otherAddress: '700*b.test',
          direction: 'out',
          body: 'never sent',
          state: 'queued',
          nextAttemptAt: new Date(Date.now() + 3600_000),
        },
      });

      const deleted = await gus.call('deleteMe', { body: { password: PASSWORD } });
      expect(deleted.status).toBe(204);
      expect(gus.lastSetCookies.some((line) => line.startsWith('om_session=;'))).toBe(true);

      expect((await gus.call('me')).status).toBe(401);
      expect((await otherBrowser.call('me')).status).toBe(401);
      expect((await a.fetch(apiPath('me'), { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
      expect((await a.session().login('600', PASSWORD)).body).toMatchObject({ error: 'bad_credentials' });
      for (const table of ['session', 'apiToken', 'passCode', 'pendingHandshake', 'connection', 'message'] as const) {
        expect(
          await (a.db[table] as unknown as { count(args: object): Promise<number> }).count({
            where: { accountId: gusId },
          }),
        ).toBe(0);
      }
      expect(await a.db.account.findUnique({ where: { id: gusId } })).toMatchObject({
        addressId: '600',
        passwordHash: null,
        displayName: '',
        deletedAt: expect.any(Date),
      });

      // The address stays taken: by a sign-up, by the operator, and it cannot be enabled again.
      expect((await a.session().register('Mallory', PASSWORD, { addressId: '600' })).body).toMatchObject({
        error: 'address_taken',
      });
      await expect(a.operator.enableUser('600')).rejects.toMatchObject({ code: 'not_found' });
      await expect(a.operator.resetPassword('600', 'a new password here')).rejects.toMatchObject({ code: 'not_found' });
      await expect(a.operator.deleteUser('600')).rejects.toMatchObject({ code: 'not_found' });

      // Peers: a message to the old connection gets SM_E001, the old pass code connects no one.
      const after = await hal.call('sendMessage', { body: { to: '600*a.test', text: 'are you there?' } });
      const failed = await eventually(async () => {
        const message = (await hal.call('getMessage', { params: { id: after.body.id } })).body;
        return message.state === 'failed' ? message : null;
      });
      expect(failed.failureCode).toBe('SM_E001');
      const ivy = b.session();
      await ivy.register('Ivy Late', PASSWORD, { addressId: '701' });
      expect((await ivy.call('connect', { body: { address: '600*a.test', passCode: openCode } })).body).toMatchObject({
        error: 'refused',
      });
    });

    it('succeeds exactly once when asked 100 times at once; the others get a clear error', async () => {
      const jay = a.session();
      const jayId = (await jay.register('Jay Burst', PASSWORD, { addressId: '800' })).body.id;
      const answers = await Promise.all(
        Array.from({ length: 100 }, () => jay.call('deleteMe', { body: { password: PASSWORD } })),
      );
      expect(answers.filter((answer) => answer.status === 204)).toHaveLength(1);
      // The others: already deleted, or (past the password-hashing queue's waiting line) busy, try again.
      for (const answer of answers.filter((candidate) => candidate.status !== 204)) {
        expect([
          { status: 401, error: 'unauthenticated' },
          { status: 503, error: 'busy' },
        ]).toContainEqual({ status: answer.status, error: answer.body.error });
      }
      expect(await a.db.account.findUnique({ where: { id: jayId } })).toMatchObject({ deletedAt: expect.any(Date) });
    });

    it('leaves no message behind that arrived while the account was being deleted', async () => {
      const kim = a.session();
      const lou = b.session();
      const kimId = (await kim.register('Kim Going', PASSWORD, { addressId: '900' })).body.id;
      await lou.register('Lou Sender', PASSWORD, { addressId: '901' });
      await connect(lou, kim, '900*a.test');
      const sending = Array.from({ length: 10 }, (_, i) =>
        lou.call('sendMessage', { body: { to: '900*a.test', text: `racing ${i}` } }),
      );
      const [deleted, ...sent] = await Promise.all([
        kim.call('deleteMe', { body: { password: PASSWORD } }),
        ...sending,
      ]);
      expect(deleted.status).toBe(204);
      const outcomes = await Promise.all(
        sent.map((answer) =>
          eventually(async () => {
            const message = (await lou.call('getMessage', { params: { id: answer.body.id } })).body;
            return ['delivered', 'failed'].includes(message.state) ? message : null;
          }),
        ),
      );
      for (const message of outcomes.filter((candidate) => candidate.state === 'failed'))
        expect(message.failureCode).toBe('SM_E001');
      expect(await a.db.message.count({ where: { accountId: kimId } })).toBe(0);
      expect(await a.db.message.count({ where: { otherAddress: '901*b.test' } })).toBe(0);
      expect(await a.db.usedNonce.count({ where: { connection: { accountId: kimId } } })).toBe(0);
    });
  });
});
