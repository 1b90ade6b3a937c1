'use client';

import { useTranslations } from 'next-intl';
import { type Conversation, withoutBidiControls } from '@openmsg/core/api';
import { messagePreview } from '@/lib/attachment-text';
import { focusComposerOf } from '@/lib/composer-focus';
import { draftKey, draftPreview, useDraft } from '@/lib/drafts';
import { isPlainKey, isTypingIn, useKeydown } from '@/lib/use-shortcuts';
import { Avatar } from '@/components/ui/avatar';
import { MutedMark } from '@/components/push/mute-toggle';
import { useInbox } from '@/lib/inbox-context';
import { useNow } from '@/lib/use-now';
import { useTimeFormat } from '@/lib/use-time-format';
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
  const t = useTranslations('inbox.list');
  const { fullTime, relativeTime } = useTimeFormat();
  const now = useNow(30_000);
  const { me } = useInbox();
  useConversationKeys(conversations, selectedId);
  return (
    <ul aria-label={t('label')} data-conversation-list className="divide-y divide-slate-100 dark:divide-slate-800">
      {conversations.map((conversation) => {
        const { contact, unreadCount } = conversation;
        const selected = conversation.id === selectedId;
        return (
          <li key={conversation.id}>
            <ConversationLink
              href={`/c/${conversation.id}`}
              aria-current={selected ? 'page' : undefined}
              className={`flex gap-3 px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-900 ${selected ? 'bg-brand-50 dark:bg-slate-900' : ''}`}
              data-testid="conversation"
              onClick={(event) => {
                // Enter (a click with no pointer) or a mouse: write at once. A tap leaves the phone's keyboard closed.
                const opensHere =
                  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
                if (opensHere && (event.nativeEvent as PointerEvent).pointerType !== 'touch')
                  focusComposerOf(conversation.id);
              }}
            >
              <Avatar name={contact.name} address={contact.address} />
              <span className="min-w-0 flex-1">
                <span className="flex items-baseline justify-between gap-2">
                  <span className="flex min-w-0 items-center gap-1">
                    <span className={`truncate ${unreadCount > 0 ? 'font-semibold' : 'font-medium'}`}>
                      <bdi>{contact.name}</bdi>
                    </span>
                    {conversation.muted ? <MutedMark /> : null}
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
                  <bdi dir="ltr">{contact.address}</bdi>
                  {contact.blocked ? ` · ${t('blocked')}` : ''}
                </span>
                <span className="flex items-center justify-between gap-2">
                  <Preview conversation={conversation} draft={draftKey(me.id, conversation.id)} />
                  {unreadCount > 0 ? (
                    <span
                      className="shrink-0 rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white"
                      data-testid="unread-badge"
                      aria-label={t('unread', { count: unreadCount })}
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

/** The row's second line: an unsent draft ("Draft: …", as WhatsApp shows it, live as it is typed or cleared), else the last message. */
function Preview({ conversation, draft }: { conversation: Conversation; draft: string }) {
  const t = useTranslations('inbox.list');
  const tFiles = useTranslations('files');
  const drafted = draftPreview(useDraft(draft));
  const { lastMessage } = conversation;
  return (
    <span className="truncate text-sm text-slate-600 dark:text-slate-300" data-testid="last-message">
      {drafted ? (
        <>
          <span className="font-medium text-accent" data-testid="draft-label">
            {t('draft')}
          </span>{' '}
          <bdi>{withoutBidiControls(drafted)}</bdi>
        </>
      ) : lastMessage ? (
        <>
          {lastMessage.direction === 'out' ? `${t('you')} ` : ''}
          <bdi>{withoutBidiControls(messagePreview(lastMessage, tFiles))}</bdi>
        </>
      ) : (
        t('noMessages')
      )}
    </span>
  );
}
