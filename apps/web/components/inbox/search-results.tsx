'use client';

import type { Conversation, MessageView } from '@openmsg/core/api';
import { fullTime, relativeTime } from '@/lib/format-time';
import { useNow } from '@/lib/use-now';
import { ConversationLink } from './conversation-link';
import { HighlightedText } from './highlighted-text';

/** Messages matching a search, newest first; each opens its conversation. */
export function SearchResults({ items, term, conversations }: { items: MessageView[]; term: string; conversations: Conversation[] }) {
  const now = useNow(30_000);
  const names = new Map(conversations.map((conversation) => [conversation.id, conversation.contact.name]));
  if (items.length === 0) return <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">No messages match “{term.trim()}”.</p>;
  return (
    <ul aria-label="Search results" className="divide-y divide-slate-100 dark:divide-slate-800">
      {items.map((message) => {
        const name = (message.conversationId && names.get(message.conversationId)) || message.otherAddress;
        const body = (
          <>
            <span className="flex items-baseline justify-between gap-2">
              <span className="min-w-0 truncate text-sm font-medium">{message.direction === 'out' ? `You to ${name}` : name}</span>
              <time dateTime={message.createdAt} title={fullTime(message.createdAt)} className="shrink-0 text-xs text-slate-500 tabular-nums dark:text-slate-400">
                {relativeTime(message.createdAt, now)}
              </time>
            </span>
            <span dir="auto" className="line-clamp-2 text-sm wrap-anywhere text-slate-600 dark:text-slate-300" data-testid="search-result-text">
              <HighlightedText text={message.text} term={term} />
            </span>
          </>
        );
        return (
          <li key={message.id} data-testid="search-result">
            {message.conversationId ? (
              <ConversationLink href={`/c/${message.conversationId}`} className="block px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-900">
                {body}
              </ConversationLink>
            ) : (
              <div className="block px-4 py-3">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
