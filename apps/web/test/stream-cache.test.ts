import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { apiRoutes, type Contact, type Conversation, type MessageView } from '@openmsg/core/api';
import { conversationsQuery, type Pages, threadQuery } from '../lib/queries';
import { routeKey } from '../lib/route-query';
import { withLiveMessages } from '../lib/live-messages';
import { applyMessageAnswer, applyStreamEvent } from '../lib/stream-cache';

const contact = (id: string): Contact => ({
  id,
  otherName: id,
  localName: null,
  blocked: false,
  peerForgotAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  address: `${id}*b.test`,
  name: id,
  acceptsMessages: true,
  conversationId: `conv-${id}`,
  peer: { files: false, maxTextChars: 2000, maxFileBytes: null },
});

const message = (id: string, conversationId: string, at: string, extra: Partial<MessageView> = {}): MessageView => ({
  id,
  otherAddress: 'x*b.test',
  failureCode: null,
  failureReason: null,
  attachments: [],
  deliverBy: null,
  clientId: null,
  attempts: 0,
  createdAt: `2026-01-01T00:00:${at}.000Z`,
  deliveredAt: null,
  readAt: null,
  contactId: conversationId.replace('conv-', ''),
  conversationId,
  direction: 'in',
  text: id,
  state: 'received',
  ...extra,
});

const conversation = (name: string, last: MessageView | null, unreadCount = 0): Conversation => ({
  id: `conv-${name}`,
  contact: contact(name),
  lastMessage: last,
  unreadCount,
  muted: false,
  updatedAt: last?.createdAt ?? '2026-01-01T00:00:00.000Z',
});

const pages = <T>(...items: T[][]): Pages<T> => ({
  pages: items.map((page, index) => ({ items: page, nextCursor: index < items.length - 1 ? `c${index}` : null })),
  pageParams: items.map((_, index) => (index === 0 ? undefined : `c${index - 1}`)),
});

/** A cache holding the list (ann last written at :20, bob at :10) and ann's thread (newest first). */
function cache() {
  const client = new QueryClient();
  client.setQueryData(
    conversationsQuery().queryKey,
    pages([conversation('ann', message('a2', 'conv-ann', '20')), conversation('bob', message('b1', 'conv-bob', '10'))]),
  );
  client.setQueryData(
    threadQuery('conv-ann').queryKey,
    pages([message('a2', 'conv-ann', '20'), message('a1', 'conv-ann', '15')]),
  );
  return client;
}
const list = (client: QueryClient) =>
  client.getQueryData(conversationsQuery().queryKey)?.pages.flatMap((page) => page.items) ?? [];
const thread = (client: QueryClient, id = 'conv-ann') =>
  client.getQueryData(threadQuery(id).queryKey)?.pages.flatMap((page) => page.items) ?? [];
const listInvalidated = (client: QueryClient) => client.getQueryState(conversationsQuery().queryKey)?.isInvalidated;

describe('the event stream patching the query cache', () => {
  it('puts a new incoming message into its thread and its conversation, which counts it unread and moves up', () => {
    const client = cache();
    applyStreamEvent(client, { type: 'message.created', message: message('b2', 'conv-bob', '30') });
    applyStreamEvent(client, { type: 'message.created', message: message('a3', 'conv-ann', '25') });
    expect(thread(client).map((item) => item.id)).toEqual(['a3', 'a2', 'a1']);
    expect(list(client).map((item) => [item.id, item.lastMessage?.id, item.unreadCount])).toEqual([
      ['conv-ann', 'a3', 1],
      ['conv-bob', 'b2', 1],
    ]);
    expect(listInvalidated(client)).toBe(false);
  });

  it('keeps one copy of a message: a later event replaces it, an answer older than the event does not', () => {
    const client = cache();
    const sent = message('a3', 'conv-ann', '25', { direction: 'out', state: 'queued' });
    applyStreamEvent(client, { type: 'message.updated', message: { ...sent, state: 'delivered' } });
    applyMessageAnswer(client, sent);
    expect(
      thread(client)
        .filter((item) => item.id === 'a3')
        .map((item) => item.state),
    ).toEqual(['delivered']);
    // An outgoing message moves the conversation but is not unread.
    expect(list(client)[0]).toMatchObject({ id: 'conv-ann', unreadCount: 0 });

    // A retry's answer replaces the failed copy, but not a copy an event already moved on.
    applyStreamEvent(client, { type: 'message.updated', message: { ...sent, state: 'failed' } });
    applyMessageAnswer(client, { ...sent, state: 'queued' }, 'failed');
    expect(thread(client).find((item) => item.id === 'a3')?.state).toBe('queued');
    applyStreamEvent(client, { type: 'message.updated', message: { ...sent, state: 'delivered' } });
    applyMessageAnswer(client, { ...sent, state: 'queued' }, 'failed');
    expect(thread(client).find((item) => item.id === 'a3')?.state).toBe('delivered');
  });

  it('removes a deleted message; the list loads again when it was a last message', () => {
    const client = cache();
    applyStreamEvent(client, {
      type: 'message.deleted',
      messageId: 'a1',
      contactId: 'ann',
      conversationId: 'conv-ann',
    });
    expect(thread(client).map((item) => item.id)).toEqual(['a2']);
    expect(listInvalidated(client)).toBe(false);
    applyStreamEvent(client, {
      type: 'message.deleted',
      messageId: 'a2',
      contactId: 'ann',
      conversationId: 'conv-ann',
    });
    expect(listInvalidated(client)).toBe(true);
  });

  it('loads the list again for what a patch cannot place: a new conversation, an older incoming message', () => {
    const client = cache();
    applyStreamEvent(client, { type: 'message.created', message: message('c1', 'conv-cat', '30') });
    expect(listInvalidated(client)).toBe(true);

    const other = cache();
    applyStreamEvent(other, { type: 'message.created', message: message('a0', 'conv-ann', '05') });
    expect(listInvalidated(other)).toBe(true);
    expect(list(other)[0]).toMatchObject({ id: 'conv-ann', unreadCount: 0, lastMessage: { id: 'a2' } });
  });

  it('invalidates contacts and conversations on contact and read events', () => {
    const client = cache();
    client.setQueryData(routeKey(apiRoutes.listContacts), { items: [contact('ann')] });
    applyStreamEvent(client, { type: 'contact.updated', contact: { ...contact('ann'), blocked: true } });
    expect(client.getQueryState(routeKey(apiRoutes.listContacts))?.isInvalidated).toBe(true);
    expect(listInvalidated(client)).toBe(true);

    const other = cache();
    applyStreamEvent(other, { type: 'conversation.read', contactId: 'ann', conversationId: 'conv-ann' });
    expect(listInvalidated(other)).toBe(true);
    expect(other.getQueryState(threadQuery('conv-ann').queryKey)?.isInvalidated).toBe(false);
  });
});

describe('a file’s progress from the event stream', () => {
  const attachment = {
    id: 'f1',
    messageId: 'a2',
    name: 'report.pdf',
    contentType: 'application/pdf',
    size: 1000,
    width: null,
    height: null,
    createdAt: '2026-01-01T00:00:20.000Z',
    state: 'ready' as const,
    failureCode: null,
    progressBytes: 0,
    hasThumbnail: false,
  };

  it('moves the bar of that file in its message, and nothing else', () => {
    const client = cache();
    applyStreamEvent(client, {
      type: 'message.updated',
      message: message('a2', 'conv-ann', '20', {
        direction: 'out',
        state: 'delivered',
        attachments: [attachment, { ...attachment, id: 'f2' }],
      }),
    });
    applyStreamEvent(client, {
      type: 'attachment.progress',
      attachmentId: 'f2',
      messageId: 'a2',
      conversationId: 'conv-ann',
      progressBytes: 600,
    });
    const shown = thread(client).find((item) => item.id === 'a2');
    expect(shown?.attachments.map((file) => [file.id, file.progressBytes])).toEqual([
      ['f1', 0],
      ['f2', 600],
    ]);
    expect(thread(client).find((item) => item.id === 'a1')?.attachments).toEqual([]);
  });

  it('a message not loaded, or no conversation: the cache is left as it is', () => {
    const client = cache();
    const before = client.getQueryData(threadQuery('conv-ann').queryKey);
    applyStreamEvent(client, {
      type: 'attachment.progress',
      attachmentId: 'f9',
      messageId: 'zz',
      conversationId: 'conv-ann',
      progressBytes: 10,
    });
    applyStreamEvent(client, {
      type: 'attachment.progress',
      attachmentId: 'f9',
      messageId: 'a2',
      conversationId: null,
      progressBytes: 10,
    });
    expect(client.getQueryData(threadQuery('conv-ann').queryKey)).toBe(before);
  });
});

describe('a thread page fetched before a live event does not undo it', () => {
  const shownStates = (client: QueryClient, conversationId: string, id: string) =>
    withLiveMessages(conversationId, client.getQueryData(threadQuery(conversationId).queryKey)?.pages ?? [])
      .filter((item) => item.id === id)
      .map((item) => item.state);

  it('a refused send heard as failed stays failed when a page requested before it lands without it, or queued', async () => {
    const client = cache();
    const requestedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const sent = message('a9', 'conv-ann', '40', { direction: 'out', state: 'queued' });
    applyMessageAnswer(client, sent);
    applyStreamEvent(client, { type: 'message.updated', message: { ...sent, state: 'failed' } });
    // The page requested before the send lands: it replaces the patched data.
    const stale = pages([message('a2', 'conv-ann', '20'), message('a1', 'conv-ann', '15')]);
    stale.pages[0] = { ...stale.pages[0]!, fetchedFrom: requestedAt } as (typeof stale.pages)[0];
    client.setQueryData(threadQuery('conv-ann').queryKey, stale);
    expect(shownStates(client, 'conv-ann', 'a9')).toEqual(['failed']);
    // Then one that read the row while it was still queued.
    const queuedPage = pages([sent, message('a2', 'conv-ann', '20')]);
    queuedPage.pages[0] = { ...queuedPage.pages[0]!, fetchedFrom: requestedAt } as (typeof queuedPage.pages)[0];
    client.setQueryData(threadQuery('conv-ann').queryKey, queuedPage);
    expect(shownStates(client, 'conv-ann', 'a9')).toEqual(['failed']);
  });

  it('a page requested after the event wins (a retry set it queued again), and a deleted message stays gone', async () => {
    const client = cache();
    const sent = message('a9', 'conv-ann', '40', { direction: 'out', state: 'failed' });
    applyStreamEvent(client, { type: 'message.updated', message: sent });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const fresh = pages([{ ...sent, state: 'queued' as const }]);
    fresh.pages[0] = { ...fresh.pages[0]!, fetchedFrom: Date.now() } as (typeof fresh.pages)[0];
    client.setQueryData(threadQuery('conv-ann').queryKey, fresh);
    expect(shownStates(client, 'conv-ann', 'a9')).toEqual(['queued']);

    applyStreamEvent(client, { type: 'message.updated', message: { ...sent, id: 'a8' } });
    applyStreamEvent(client, {
      type: 'message.deleted',
      messageId: 'a8',
      conversationId: 'conv-ann',
      contactId: 'ann',
    });
    client.setQueryData(threadQuery('conv-ann').queryKey, pages([message('a2', 'conv-ann', '20')]));
    expect(shownStates(client, 'conv-ann', 'a8')).toEqual([]);
  });
});
