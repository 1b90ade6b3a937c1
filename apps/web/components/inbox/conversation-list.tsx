'use client';

import { type Conversation, withoutBidiControls } from '@openmsg/core/api';
import { fullTime, relativeTime } from '@/lib/format-time';
import { Avatar } from '@/components/ui/avatar';
import { useNow } from '@/lib/use-now';
import { ConversationLink } from './conversation-link';

export function ConversationList({ conversations, selectedId }: { conversations: Conversation[]; selectedId: string | null }) {
  const now = useNow(30_000);
  return (
    <ul aria-label="Conversations" className="divide-y divide-slate-100 dark:divide-slate-800">
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
                  <span className={`truncate ${unreadCount > 0 ? 'font-semibold' : 'font-medium'}`}>{contact.name}</span>
                  <time dateTime={conversation.updatedAt} title={fullTime(conversation.updatedAt)} className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400">
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
                        <bdi>{withoutBidiControls(lastMessage.text)}</bdi>
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
