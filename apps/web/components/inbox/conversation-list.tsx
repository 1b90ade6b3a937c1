'use client';

import { type Conversation, withoutBidiControls } from '@openmsg/core/api';
import { messagePreview } from '@/lib/attachment-text';
import { fullTime, relativeTime } from '@/lib/format-time';
import { isPlainKey, isTypingIn, useKeydown } from '@/lib/use-shortcuts';
import { Avatar } from '@/components/ui/avatar';
import { useNow } from '@/lib/use-now';
import { ConversationLink } from './conversation-link';

const NEXT_KEYS = new Set(['j', 'ArrowDown']);
const PREVIOUS_KEYS = new Set(['k', 'ArrowUp']);

/**
 * j/k anywhere outside a field, and the arrows when nothing else takes them (on the page itself or
 * within this list; a focused thread keeps its arrows for scrolling), open the next or previous
 * conversation, in this page like a click, with focus on its row.
 */
function useConversationKeys(conversations: Conversation[], selectedId: string | null) {
  useKeydown((event) => {
    const next = NEXT_KEYS.has(event.key);
    if (
      (!next && !PREVIOUS_KEYS.has(event.key)) ||
      event.defaultPrevented ||
      !isPlainKey(event) ||
      event.shiftKey ||
      isTypingIn(event.target)
    )
      return;
    if (document.querySelector('dialog[open]')) return;
    const arrow = event.key.startsWith('Arrow');
    const target = event.target instanceof Element ? event.target : null;
    if (arrow && target !== document.body && !target?.closest('[data-conversation-list]')) return;
    const index = conversations.findIndex((conversation) => conversation.id === selectedId);
    const to =
      conversations[
        index < 0
          ? next
            ? 0
            : conversations.length - 1
          : Math.min(Math.max(index + (next ? 1 : -1), 0), conversations.length - 1)
      ];
    if (!to) return;
    event.preventDefault();
    const href = `/c/${to.id}`;
    if (window.location.pathname !== href) window.history.pushState(null, '', href);
    document
      .querySelector<HTMLElement>(`[data-conversation-list] a[href="${CSS.escape(href)}"]`)
      ?.focus({ preventScroll: false });
  });
}

export function ConversationList({
  conversations,
  selectedId,
}: {
  conversations: Conversation[];
  selectedId: string | null;
}) {
  const now = useNow(30_000);
  useConversationKeys(conversations, selectedId);
  return (
    <ul aria-label="Conversations" data-conversation-list className="divide-y divide-slate-100 dark:divide-slate-800">
      {conversations.map((conversation) => {
        const { contact, lastMessage, unreadCount } = conversation;
        const selected = conversation.id === selectedId;
        return (
          <li key={conversation.id}>
            <ConversationLink
              href={`/c/${conversation.id}`}
              aria-current={selected ? 'page' : undefined}
              className={`flex gap-3 px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-900 ${selected ? 'bg-brand-50 dark:bg-slate-900' : ''}`}
              data-testid="conversation"
            >
              <Avatar name={contact.name} address={contact.address} />
              <span className="min-w-0 flex-1">
                <span className="flex items-baseline justify-between gap-2">
                  <span className={`truncate ${unreadCount > 0 ? 'font-semibold' : 'font-medium'}`}>
                    {contact.name}
                  </span>
                  <time
                    dateTime={conversation.updatedAt}
                    title={fullTime(conversation.updatedAt)}
                    className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400"
                  >
                    {relativeTime(conversation.updatedAt, now)}
                  </time>
                </span>
                <span className="block truncate text-xs text-slate-600 dark:text-slate-400">
                  {contact.address}
                  {contact.blocked ? ' · blocked' : ''}
                </span>
                <span className="flex items-center justify-between gap-2">
                  <span className="truncate text-sm text-slate-600 dark:text-slate-300" data-testid="last-message">
                    {lastMessage ? (
                      <>
                        {lastMessage.direction === 'out' ? 'You: ' : ''}
                        <bdi>{withoutBidiControls(messagePreview(lastMessage))}</bdi>
                      </>
                    ) : (
                      'No messages yet'
                    )}
                  </span>
                  {unreadCount > 0 ? (
                    <span
                      className="shrink-0 rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white"
                      data-testid="unread-badge"
                      aria-label={`${unreadCount} unread`}
                    >
                      {unreadCount}
                    </span>
                  ) : null}
                </span>
              </span>
            </ConversationLink>
          </li>
        );
      })}
    </ul>
  );
}
