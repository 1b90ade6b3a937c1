import type { MessageView, Page } from '@openmsg/core/api';

/** A thread page with the moment its request started: rows it holds were read after that, never before. */
export type ThreadPage = Page<MessageView> & { fetchedFrom?: number };

interface Heard {
  view: MessageView;
  at: number;
}

/** By conversation, then by message: the views heard live (stream events, send answers) since the thread was last read. */
const heard = new Map<string, Map<string, Heard>>();

/**
 * Remembers a message view heard live. A thread fetch under way when it comes may be answered with rows read before
 * it and replace the patched cache (seen: a refused send stayed "queued" for good); the thread shows the view heard
 * over any page whose request started before it (see withLiveMessages). `unlessHeard`: an answer to a send, older
 * than any event about the same message.
 */
export function hearMessage(view: MessageView, options: { unlessHeard?: boolean } = {}): void {
  if (!view.conversationId) return;
  const conversation = heard.get(view.conversationId) ?? new Map<string, Heard>();
  if (options.unlessHeard && conversation.has(view.id)) return;
  conversation.set(view.id, { view, at: Date.now() });
  heard.set(view.conversationId, conversation);
}

export function forgetMessage(conversationId: string, messageId: string): void {
  heard.get(conversationId)?.delete(messageId);
}

/**
 * The thread's items with the views heard after the oldest of its pages was requested laid over them (a new message
 * missing from a stale page is added). What was heard before every page was requested is in the pages: forgotten.
 */
export function withLiveMessages(conversationId: string, pages: readonly ThreadPage[]): MessageView[] {
  const items = pages.flatMap((page) => page.items);
  const conversation = heard.get(conversationId);
  if (!conversation || conversation.size === 0) return items;
  const readFrom = Math.min(...pages.map((page) => page.fetchedFrom ?? 0));
  for (const [id, entry] of conversation) if (entry.at < readFrom) conversation.delete(id);
  if (conversation.size === 0) return items;
  const replaced = items.map((item) => conversation.get(item.id)?.view ?? item);
  const shown = new Set(items.map((item) => item.id));
  const added = [...conversation.values()].filter((entry) => !shown.has(entry.view.id)).map((entry) => entry.view);
  return [...replaced, ...added];
}
