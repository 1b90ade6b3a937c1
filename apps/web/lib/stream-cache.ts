import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { apiRoutes, type Conversation, type MessageView, type StreamEvent } from '@openmsg/core/api';
import { conversationsQuery, type Pages } from './queries';
import { forgetMessage, hearMessage } from './live-messages';
import { routePrefix } from './route-query';

/**
 * How the live event stream keeps the query cache current: message events patch the cached thread
 * and conversation list in place; contact and read events, and anything a patch cannot decide,
 * invalidate what they touch so it is fetched again.
 */
export function applyStreamEvent(client: QueryClient, event: StreamEvent): void {
  switch (event.type) {
    case 'message.created':
    case 'message.updated':
      putInThread(client, event.message);
      putInConversations(client, event.message, event.type === 'message.created');
      return;
    case 'message.deleted':
      applyMessageDeleted(client, event.conversationId, event.messageId);
      return;
    case 'conversation.read':
      invalidateConversation(client, event.conversationId);
      return;
    case 'contact.updated':
    case 'contact.deleted':
      invalidateContacts(client);
      return;
    case 'attachment.progress':
      putAttachmentProgress(client, event);
      return;
    default:
      event satisfies never;
  }
}

/** A file's transfer moved on: its progress in the cached thread (the message's state comes with message.updated). */
function putAttachmentProgress(
  client: QueryClient,
  event: Extract<StreamEvent, { type: 'attachment.progress' }>,
): void {
  if (!event.conversationId) return;
  client.setQueriesData<Pages<MessageView>>({ queryKey: threadPrefix(event.conversationId) }, (data) => {
    const shown = data?.pages.flatMap((page) => page.items).find((candidate) => candidate.id === event.messageId);
    if (!data || !shown) return data;
    const attachments = shown.attachments.map((attachment) =>
      attachment.id === event.attachmentId ? { ...attachment, progressBytes: event.progressBytes } : attachment,
    );
    return withMessage(data, { ...shown, attachments });
  });
}

/** A contact changed: the lists that show contacts are fetched again. */
function invalidateContacts(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listContacts) });
  void client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listConversations) });
  void client.invalidateQueries({ queryKey: routePrefix(apiRoutes.getConversation) });
}

/**
 * The stream was lost for a while: events may have been missed, so everything shown is fetched
 * again (a thread with all the pages it has loaded).
 */
export function resyncAfterGap(client: QueryClient): void {
  void client.invalidateQueries();
}

/**
 * The answer to a send or a retry. It may arrive after a live event about the same message (the
 * delivery can be faster than the answer): it only fills in what no event has updated yet, that is
 * a message not shown yet, or one still in the state `replacing` (a retried `failed`).
 */
export function applyMessageAnswer(client: QueryClient, message: MessageView, replacing?: MessageView['state']): void {
  if (!message.conversationId) return;
  if (hasThread(client, message.conversationId)) hearMessage(message, { unlessHeard: replacing === undefined });
  client.setQueriesData<Pages<MessageView>>({ queryKey: threadPrefix(message.conversationId) }, (data) => {
    const shown = data?.pages.flatMap((page) => page.items).find((candidate) => candidate.id === message.id);
    if (!data || (shown && (replacing === undefined || shown.state !== replacing))) return data;
    return withMessage(data, message);
  });
  putInConversations(client, message, false);
}

/** A message deleted (by its event, or the answer to "delete for me"): it leaves its thread; the list loads again if it was a last message. */
export function applyMessageDeleted(client: QueryClient, conversationId: string | null, messageId: string): void {
  if (conversationId) {
    forgetMessage(conversationId, messageId);
    removeFromThread(client, conversationId, messageId);
  }
  refetchConversationsIf(client, (conversation) => conversation.lastMessage?.id === messageId);
}

const threadPrefix = (conversationId: string) => routePrefix(apiRoutes.conversationMessages, { conversationId });

/** `message` replacing its older copy, or added to the newest page (the thread sorts by time). */
function withMessage(data: Pages<MessageView>, message: MessageView): Pages<MessageView> {
  let found = false;
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.map((item) => (item.id === message.id ? ((found = true), message) : item)),
  }));
  if (!found && pages[0]) pages[0] = { ...pages[0], items: [message, ...pages[0].items] };
  return { ...data, pages };
}

/** Whether the conversation's thread is in the cache (only then is what is heard about its messages kept). */
function hasThread(client: QueryClient, conversationId: string): boolean {
  return client.getQueriesData({ queryKey: threadPrefix(conversationId) }).some(([, data]) => data !== undefined);
}

function putInThread(client: QueryClient, message: MessageView): void {
  if (!message.conversationId) return;
  if (hasThread(client, message.conversationId)) hearMessage(message);
  patchOrRefetch(client, threadPrefix(message.conversationId), (data: Pages<MessageView>) =>
    withMessage(data, message),
  );
}

function removeFromThread(client: QueryClient, conversationId: string, messageId: string): void {
  patchOrRefetch(client, threadPrefix(conversationId), (data: Pages<MessageView>) => ({
    ...data,
    pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== messageId) })),
  }));
}

/**
 * Patches the cached answers under `queryKey`. A fetch already under way may have been answered
 * before the event happened and would overwrite the patch with older data: it is started again.
 */
function patchOrRefetch<T>(client: QueryClient, queryKey: QueryKey, patch: (data: T) => T): void {
  client.setQueriesData<T>({ queryKey }, (data) => (data === undefined ? data : patch(data)));
  if (client.isFetching({ queryKey }) > 0) void client.invalidateQueries({ queryKey });
}

/**
 * A message in the conversation list: the newest one becomes the conversation's last message (and
 * counts as unread when it is a new incoming one) and moves the conversation to the top. What the
 * list cannot place (a conversation not loaded, an older incoming message that the list may or
 * may not count yet) makes it load again.
 */
function putInConversations(client: QueryClient, message: MessageView, created: boolean): void {
  const { conversationId } = message;
  if (!conversationId) return;
  const key = conversationsQuery().queryKey;
  const data = client.getQueryData(key);
  const conversation = data?.pages.flatMap((page) => page.items).find((candidate) => candidate.id === conversationId);
  void client.invalidateQueries({ queryKey: routePrefix(apiRoutes.getConversation, { conversationId }) });
  // Not loaded yet (a first load under way is started again) or not among the pages loaded.
  if (!data || !conversation) return void client.invalidateQueries({ queryKey: key });
  const last = conversation.lastMessage;
  let updated: Conversation;
  if (last?.id === message.id) updated = { ...conversation, lastMessage: message };
  else if (!last || message.createdAt > last.createdAt) {
    updated = {
      ...conversation,
      lastMessage: message,
      updatedAt: message.createdAt,
      unreadCount: conversation.unreadCount + (created && message.direction === 'in' ? 1 : 0),
    };
  } else {
    if (created && message.direction === 'in') void client.invalidateQueries({ queryKey: key });
    return;
  }
  const moveUp = updated.updatedAt !== conversation.updatedAt;
  patchOrRefetch(client, key, (cached: Pages<Conversation>) => ({
    ...cached,
    pages: cached.pages.map((page, index) => {
      const items = page.items.flatMap((item) => (item.id !== conversationId ? [item] : moveUp ? [] : [updated]));
      return { ...page, items: moveUp && index === 0 ? [updated, ...items] : items };
    }),
  }));
}

function refetchConversationsIf(client: QueryClient, affected: (conversation: Conversation) => boolean): void {
  const data = client.getQueryData(conversationsQuery().queryKey);
  if (data?.pages.some((page) => page.items.some(affected)))
    void client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listConversations) });
}

/** Read marks and the like: the list and the conversation are fetched again. */
export function invalidateConversation(client: QueryClient, conversationId: string): void {
  void client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listConversations) });
  void client.invalidateQueries({ queryKey: routePrefix(apiRoutes.getConversation, { conversationId }) });
}
