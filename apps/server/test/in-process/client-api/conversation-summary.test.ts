import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageWriter } from '../../../src/messages/message-writer.service';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';

const PASSWORD = 'correct horse battery';

interface ListedConversation {
  id: string;
  unreadCount: number;
  updatedAt: string;
  lastMessage: { id: string; text: string; createdAt: string } | null;
  contact: { address: string };
}

/**
 * The inbox list reads each conversation's stored summary (last message, unread count) instead of
 * its messages: these tests race the writes that keep it and compare it with the messages themselves.
 */
describe.each(DATABASE_KINDS)('the conversation summary under concurrent writes (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let ann: SessionClient;
  let bob: SessionClient;
  /** Bob's contact (connection) for Ann and its conversation, on node B; Ann's for Bob on node A. */
  let annOnB: { id: string; conversationId: string };
  let bobOnA: { id: string; conversationId: string };

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind));
    ann = a.session();
    bob = b.session();
    await ann.register('Ann Smith', PASSWORD, { addressId: '10' });
    await bob.register('Bob Jones', PASSWORD, { addressId: '20' });
    const code = (await bob.call('createPassCode', { body: {} })).body.code;
    bobOnA = (await ann.call('connect', { body: { address: '20*b.test', passCode: code } })).body;
    annOnB = (await bob.call('listContacts')).body.items[0]!;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  /** The summary as the messages say it should be: the newest message (by time, then ID) and the unread incoming ones. */
  async function truth(node: InProcessNode, connectionId: string) {
    const newest = await node.db.message.findFirst({
      where: { connectionId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    const unread = await node.db.message.count({ where: { connectionId, direction: 'in', readAt: null } });
    return { lastMessageId: newest?.id ?? null, unreadCount: unread };
  }

  async function listed(client: SessionClient, conversationId: string): Promise<ListedConversation> {
    const found = (await client.call('listConversations', { query: { limit: '100' } })).body.items.find(
      (item: ListedConversation) => item.id === conversationId,
    );
    expect((await client.call('getConversation', { params: { conversationId } })).body).toEqual(found);
    return found!;
  }

  it('50 messages sent at once while the receiver marks the conversation read: the unread count is exact and the last message the newest, on both sides', async () => {
    const before = await b.db.message.count({ where: { connectionId: annOnB.id } });
    const sending = Promise.all(
      Array.from({ length: 50 }, (_, i) => ann.call('sendMessage', { body: { to: '20*b.test', text: `burst ${i}` } })),
    );
    // Read marks racing the deliveries, two at a time, until every message has arrived.
    let marks = 0;
    while ((await b.db.message.count({ where: { connectionId: annOnB.id } })) < before + 50) {
      const answers = await Promise.all([
        bob.call('markConversationRead', { params: { conversationId: annOnB.conversationId } }),
        bob.call('markConversationRead', { params: { conversationId: annOnB.conversationId } }),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      marks += 2;
    }
    expect((await sending).every((sent) => sent.status === 201)).toBe(true);
    expect(marks).toBeGreaterThan(0);
    await eventually(
      async () => (await a.db.message.count({ where: { connectionId: bobOnA.id, state: { not: 'delivered' } } })) === 0,
    );

    const expected = await truth(b, annOnB.id);
    const onB = await listed(bob, annOnB.conversationId);
    expect({ unreadCount: onB.unreadCount, lastMessageId: onB.lastMessage?.id }).toEqual(expected);
    expect(onB.updatedAt).toBe(onB.lastMessage?.createdAt);
    const onA = await listed(ann, bobOnA.conversationId);
    expect({ unreadCount: onA.unreadCount, lastMessageId: onA.lastMessage?.id }).toEqual(await truth(a, bobOnA.id));

    const read = await bob.call('markConversationRead', { params: { conversationId: annOnB.conversationId } });
    expect(read.body).toEqual({ marked: expected.unreadCount });
    expect((await listed(bob, annOnB.conversationId)).unreadCount).toBe(0);
  });

  it('incoming messages stored at once, racing read marks and deletes of the last message: the summary matches the messages', async () => {
    const writer = b.app.get(MessageWriter);
    const account = await b.db.account.findUniqueOrThrow({ where: { addressId: '20' } });
    const store = (i: number) =>
      writer.writeIncoming({
        accountId: account.id,
        connectionId: annOnB.id,
        otherAddress: '10*a.test',
        text: `stored ${i}`,
        nonce: randomUUID(),
        senderName: null,
        createdAt: new Date(),
      });
    const deleteLast = async () => {
      const last = (await truth(b, annOnB.id)).lastMessageId;
      if (last) await bob.call('deleteMessage', { params: { id: last } });
    };
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) {
      work.push(store(i));
      if (i % 5 === 0)
        work.push(bob.call('markConversationRead', { params: { conversationId: annOnB.conversationId } }));
      if (i % 10 === 5) work.push(deleteLast());
    }
    await Promise.all(work);

    const row = await b.db.conversation.findUniqueOrThrow({ where: { id: annOnB.conversationId } });
    expect({ lastMessageId: row.lastMessageId, unreadCount: row.unreadCount }).toEqual(await truth(b, annOnB.id));
    const newest = await b.db.message.findUniqueOrThrow({ where: { id: row.lastMessageId as string } });
    expect(row.lastActivityAt.getTime()).toBe(newest.createdAt.getTime());
  });

  it('deleting messages moves the last message back and takes unread ones out of the count; with none left the conversation sorts by when it was made', async () => {
    // A second conversation for Bob, with a message older than everything in Ann's.
    const carol = a.session();
    await carol.register('Carol King', PASSWORD, { addressId: '11' });
    const code = (await bob.call('createPassCode', { body: {} })).body.code;
    expect((await carol.call('connect', { body: { address: '20*b.test', passCode: code } })).status).toBe(201);
    const carolOnB = (await bob.call('listContacts')).body.items.find((contact) => contact.address === '11*a.test')!;
    const fromCarol = (await carol.call('sendMessage', { body: { to: '20*b.test', text: 'from Carol' } })).body.id;
    await eventually(
      async () => (await carol.call('getMessage', { params: { id: fromCarol } })).body.state === 'delivered',
    );
    await bob.call('markConversationRead', { params: { conversationId: carolOnB.conversationId } });
    for (const text of ['one', 'two', 'three']) {
      const sent = (await ann.call('sendMessage', { body: { to: '20*b.test', text } })).body.id;
      await eventually(async () => (await ann.call('getMessage', { params: { id: sent } })).body.state === 'delivered');
    }
    const order = async () =>
      (await bob.call('listConversations')).body.items.map((item: ListedConversation) => item.contact.address);
    expect(await order()).toEqual(['10*a.test', '11*a.test']);
    const full = await listed(bob, annOnB.conversationId);
    expect(full).toMatchObject({ lastMessage: { text: 'three' }, unreadCount: 3 });

    expect((await bob.call('deleteMessage', { params: { id: full.lastMessage!.id } })).status).toBe(204);
    expect(await listed(bob, annOnB.conversationId)).toMatchObject({ lastMessage: { text: 'two' }, unreadCount: 2 });
    // An older unread one: the count drops, the last message stays.
    const thread = (
      await bob.call('conversationMessages', {
        params: { conversationId: annOnB.conversationId },
        query: { limit: '3' },
      })
    ).body.items;
    const one = thread.find((message) => message.text === 'one')!.id;
    expect((await bob.call('deleteMessage', { params: { id: one } })).status).toBe(204);
    expect(await listed(bob, annOnB.conversationId)).toMatchObject({ lastMessage: { text: 'two' }, unreadCount: 1 });

    for (const message of await b.db.message.findMany({ where: { connectionId: annOnB.id } }))
      await bob.call('deleteMessage', { params: { id: message.id } });
    const empty = await listed(bob, annOnB.conversationId);
    expect(empty).toMatchObject({ lastMessage: null, unreadCount: 0 });
    const conversation = await b.db.conversation.findUniqueOrThrow({ where: { id: annOnB.conversationId } });
    expect(empty.updatedAt).toBe(conversation.createdAt.toISOString());
    // Made before Carol's message: it now sorts after her conversation.
    expect(await order()).toEqual(['11*a.test', '10*a.test']);
  });
});
