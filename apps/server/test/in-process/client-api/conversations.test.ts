import type { ApiRouteName } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import type { CallAnswer, UntypedInput } from '../../peer-kit/contract-call';
import type { SessionClient } from '../../peer-kit/session-client';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';

const PASSWORD = 'correct horse battery';

/** Two users on two nodes, connected with a pass code through the client API, as the web inbox does it. */
describe.each(DATABASE_KINDS)('contacts, conversations and messages over the client API (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let ann: SessionClient;
  let bob: SessionClient;
  let annOnB: string;
  let bobOnA: string;
  /** The conversations' own IDs (not the contacts'). */
  let annConversationOnB: string;
  let bobConversationOnA: string;

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind));
    ann = a.session();
    bob = b.session();
    await ann.register('Ann Smith', PASSWORD, { addressId: '10' });
    await bob.register('Bob Jones', PASSWORD, { addressId: '20' });
    const code = (await bob.call('createPassCode', { body: { note: 'for Ann' } })).body;
    expect(code).toMatchObject({ code: expect.stringMatching(/^[0-9]{6}$/), address: '20*b.test', note: 'for Ann' });
    const connected = await ann.call('connect', { body: { address: '20*b.test', passCode: code.code } });
    expect(connected.body).toMatchObject({
      address: '20*b.test',
      name: 'Bob Jones',
      blocked: false,
      acceptsMessages: true,
    });
    bobOnA = connected.body.id;
    bobConversationOnA = connected.body.conversationId;
    ({ id: annOnB, conversationId: annConversationOnB } = (await bob.call('listContacts')).body.items[0]!);
    expect(new Set([annOnB, bobOnA, annConversationOnB, bobConversationOnA]).size).toBe(4);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('explains a refused connect: bad address, used code, unreachable node', async () => {
    expect((await ann.call('connect', { body: { address: 'bob at b.test', passCode: '123456' } })).body).toMatchObject({
      error: 'validation_failed',
      fields: ['address'],
    });
    expect((await ann.call('connect', { body: { address: '20*b.test', passCode: '12' } })).body).toMatchObject({
      fields: ['passCode'],
    });
    const used = await ann.call('connect', { body: { address: '20*b.test', passCode: '000000' } });
    expect(used).toMatchObject({ status: 422, body: { error: 'refused' } });
    const failed = await bob.call('listPassCodes');
    expect(failed.body.failedAttempts.lastDay).toBeGreaterThanOrEqual(1);
    const unreachable = await ann.call('connect', { body: { address: '30*nowhere.invalid', passCode: '123456' } });
    expect(unreachable).toMatchObject({ status: 502, body: { error: 'unreachable' } });
  });

  it('lists conversations most recent first with the last message and unread counts, and marks them read', async () => {
    const sent = await ann.call('sendMessage', { body: { to: '20*b.test', text: 'Hello Bob' } });
    expect(sent).toMatchObject({
      status: 201,
      body: {
        state: 'queued',
        contactId: bobOnA,
        conversationId: bobConversationOnA,
        direction: 'out',
        text: 'Hello Bob',
      },
    });
    // An outgoing message says until when delivery is attempted (the inbox shows it while retrying); an incoming one has none.
    expect(Date.parse(sent.body.deliverBy!) - Date.parse(sent.body.createdAt)).toBeGreaterThan(0);
    await eventually(
      async () => (await ann.call('getMessage', { params: { id: sent.body.id } })).body.state === 'delivered',
    );
    expect((await ann.call('getMessage', { params: { id: sent.body.id } })).body.deliverBy).toBe(sent.body.deliverBy);
    await ann.call('sendMessage', { body: { to: '20*b.test', text: 'Are you there?' } });

    const inbox = await eventually(async () => {
      const list = await bob.call('listConversations');
      return list.body.items[0]?.unreadCount === 2 ? list.body : null;
    });
    expect(inbox.items[0]).toMatchObject({
      id: annConversationOnB,
      contact: { id: annOnB, conversationId: annConversationOnB, address: '10*a.test', name: 'Ann Smith' },
      lastMessage: { text: 'Are you there?', direction: 'in', conversationId: annConversationOnB, deliverBy: null },
      unreadCount: 2,
    });
    expect((await bob.call('markConversationRead', { params: { conversationId: annConversationOnB } })).body).toEqual({
      marked: 2,
    });
    expect((await bob.call('listConversations')).body.items[0]!.unreadCount).toBe(0);
    expect((await bob.call('getConversation', { params: { conversationId: annConversationOnB } })).body).toMatchObject({
      id: annConversationOnB,
      contact: { id: annOnB },
      unreadCount: 0,
    });
    const thread = await bob.call('conversationMessages', { params: { conversationId: annConversationOnB } });
    expect(thread.body.items.map((m: { text: string }) => m.text)).toEqual(['Are you there?', 'Hello Bob']);
    expect(thread.body.items.map((m) => m.conversationId)).toEqual([annConversationOnB, annConversationOnB]);
    // A contact's ID is not a conversation's.
    expect((await bob.call('conversationMessages', { params: { conversationId: annOnB } })).status).toBe(404);
    expect(thread.body.items.every((m: { readAt: string | null }) => m.readAt !== null)).toBe(true);
  });

  it('pages through conversations and a thread with cursors, without gaps or repeats', async () => {
    // Three more contacts for Ann on her own node, each with one message from her.
    const others: string[] = [];
    for (const id of ['11', '12', '13']) {
      const other = a.session();
      await other.register(`Other ${id}`, PASSWORD, { addressId: id });
      const code = (await other.call('createPassCode', { body: {} })).body.code;
      expect((await ann.call('connect', { body: { address: `${id}*a.test`, passCode: code } })).status).toBe(201);
      await ann.call('sendMessage', { body: { to: `${id}*a.test`, text: `hi ${id}` } });
      others.push(`${id}*a.test`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: CallAnswer<'listConversations'> = await ann.call('listConversations', {
        query: { limit: 2, cursor: cursor ?? undefined },
      });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.contact.address));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['13*a.test', '12*a.test', '11*a.test', '20*b.test']);

    for (let i = 0; i < 7; i++) await ann.call('sendMessage', { body: { to: '20*b.test', text: `numbered ${i}` } });
    const texts: string[] = [];
    cursor = null;
    do {
      const page: CallAnswer<'conversationMessages'> = await ann.call('conversationMessages', {
        params: { conversationId: bobConversationOnA },
        query: { limit: 3, cursor: cursor ?? undefined },
      });
      texts.push(...page.body.items.map((item) => item.text));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(texts.slice(0, 7)).toEqual([
      'numbered 6',
      'numbered 5',
      'numbered 4',
      'numbered 3',
      'numbered 2',
      'numbered 1',
      'numbered 0',
    ]);
    expect(new Set(texts).size).toBe(texts.length);
    expect(
      (
        await ann.call('conversationMessages', {
          params: { conversationId: bobConversationOnA },
          query: { cursor: 'garbage' },
        })
      ).body,
    ).toMatchObject({ error: 'bad_cursor' });
    expect(
      (
        await ann.call('conversationMessages', {
          params: { conversationId: bobConversationOnA },
          query: { limit: '1000' },
        })
      ).status,
    ).toBe(400);
  });

  it('searches my messages, case-insensitively, and deletes one', async () => {
    const found = await ann.call('searchMessages', { query: { q: 'HELLO bob' } });
    expect(found.body.items.map((m: { text: string }) => m.text)).toEqual(['Hello Bob']);
    expect((await ann.call('searchMessages', { query: { q: '' } })).status).toBe(400);
    const id = found.body.items[0]!.id;
    expect((await ann.call('deleteMessage', { params: { id } })).status).toBe(204);
    expect((await ann.call('getMessage', { params: { id } })).status).toBe(404);
    expect((await ann.call('searchMessages', { query: { q: 'hello' } })).body.items).toEqual([]);
  });

  it('renames a contact locally, and blocking answers their messages with SM_E002 until unblocked', async () => {
    expect(
      (await bob.call('updateContact', { params: { id: annOnB }, body: { localName: 'Annie' } })).body,
    ).toMatchObject({
      name: 'Annie',
      otherName: 'Ann Smith',
      localName: 'Annie',
    });
    expect((await bob.call('updateContact', { params: { id: annOnB }, body: { blocked: true } })).body).toMatchObject({
      blocked: true,
    });
    const refused = await ann.call('sendMessage', { body: { to: '20*b.test', text: 'let me in' } });
    const failed = await eventually(async () => {
      const message = (await ann.call('getMessage', { params: { id: refused.body.id } })).body;
      return message.state === 'failed' ? message : null;
    });
    expect(failed.failureCode).toBe('SM_E002');
    await bob.call('updateContact', { params: { id: annOnB }, body: { blocked: false } });
    expect((await ann.call('retryMessage', { params: { id: refused.body.id } })).status).toBe(200);
    await eventually(
      async () => (await ann.call('getMessage', { params: { id: refused.body.id } })).body.state === 'delivered',
    );
    expect((await bob.call('updateContact', { params: { id: annOnB }, body: { localName: null } })).body.name).toBe(
      'Ann Smith',
    );
  });

  it('deletes a contact together with the conversation', async () => {
    const extra = a.session();
    await extra.register('Short Lived', PASSWORD, { addressId: '14' });
    const code = (await extra.call('createPassCode', { body: {} })).body.code;
    const contact = (await ann.call('connect', { body: { address: '14*a.test', passCode: code } })).body;
    await ann.call('sendMessage', { body: { to: '14*a.test', text: 'bye soon' } });
    expect((await ann.call('deleteContact', { params: { id: contact.id } })).status).toBe(204);
    expect((await ann.call('getContact', { params: { id: contact.id } })).status).toBe(404);
    expect(
      (await ann.call('conversationMessages', { params: { conversationId: contact.conversationId } })).status,
    ).toBe(404);
    expect(await a.db.message.count({ where: { connectionId: contact.id } })).toBe(0);
    expect(await a.db.conversation.count({ where: { id: contact.conversationId } })).toBe(0);
  });

  it("answers 404 for another user's contacts, conversations, messages, pass codes and tokens", async () => {
    const mallory = b.session();
    await mallory.register('Mallory Evil', PASSWORD, { addressId: '66' });
    const bobMessage = (
      await bob.call('conversationMessages', { params: { conversationId: annConversationOnB }, query: { limit: '1' } })
    ).body.items[0]!.id;
    const bobCode = (await bob.call('createPassCode', { body: {} })).body.id;
    const bobToken = (await bob.call('createToken', { body: { name: 'mine' } })).body.id;
    const attempts: Array<[ApiRouteName, UntypedInput]> = [
      ['getContact', { params: { id: annOnB } }],
      ['updateContact', { params: { id: annOnB }, body: { blocked: true } }],
      ['deleteContact', { params: { id: annOnB } }],
      ['getConversation', { params: { conversationId: annConversationOnB } }],
      ['conversationMessages', { params: { conversationId: annConversationOnB } }],
      ['markConversationRead', { params: { conversationId: annConversationOnB } }],
      ['getMessage', { params: { id: bobMessage } }],
      ['retryMessage', { params: { id: bobMessage } }],
      ['deleteMessage', { params: { id: bobMessage } }],
      ['revokePassCode', { params: { id: bobCode } }],
      ['revokeToken', { params: { id: bobToken } }],
    ];
    for (const [route, input] of attempts) {
      expect({ route, status: (await mallory.callUntyped(route, input)).status }).toEqual({ route, status: 404 });
    }
    expect((await mallory.call('listConversations')).body.items).toEqual([]);
    expect((await mallory.call('searchMessages', { query: { q: 'Hello' } })).body.items).toEqual([]);
    // Nothing of Bob's changed.
    expect((await bob.call('getContact', { params: { id: annOnB } })).body.blocked).toBe(false);
    expect((await bob.call('getMessage', { params: { id: bobMessage } })).status).toBe(200);
  });

  it('keeps the conversation when a contact is connected again (a new handshake replaces only the secrets)', async () => {
    const code = (await bob.call('createPassCode', { body: {} })).body.code;
    const again = await ann.call('connect', { body: { address: '20*b.test', passCode: code } });
    expect(again.body).toMatchObject({ id: bobOnA, conversationId: bobConversationOnA });
    expect(await a.db.conversation.count({ where: { connectionId: bobOnA } })).toBe(1);
    expect(
      (
        await ann.call('conversationMessages', {
          params: { conversationId: bobConversationOnA },
          query: { limit: '1' },
        })
      ).body.items,
    ).toHaveLength(1);
  });
});
