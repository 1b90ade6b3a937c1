'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { Conversation } from '@openmsg/core/api';
import { Avatar } from '@/components/ui/avatar';
import { contactMatches } from '@/lib/conversation-filter';
import { useConversations } from '@/lib/queries';

/**
 * The conversations to share into, with a search over their names and addresses. A contact who cannot be written
 * to (blocked, or accepting no messages) is listed but cannot be chosen, with the reason.
 */
export function ConversationPicker({
  onChoose,
  opening,
}: {
  onChoose: (conversation: Conversation) => void;
  /** The conversation being opened: every choice waits meanwhile. */
  opening: string | null;
}) {
  const t = useTranslations('share.page');
  const searchId = useId();
  const [search, setSearch] = useState('');
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage } = useConversations();
  const conversations = data ?? [];
  if (data && conversations.length === 0)
    return (
      <div className="space-y-2">
        <p className="text-sm text-ink-muted">{t('noConversations')}</p>
        <Link href="/connect" className="text-sm font-medium text-accent underline">
          {t('connect')}
        </Link>
      </div>
    );
  const shown = conversations.filter((conversation) => contactMatches(search, conversation.contact));
  return (
    <div className="space-y-3">
      <div role="search">
        <label htmlFor={searchId} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t('searchLabel')}
        </label>
        <input
          id={searchId}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('searchPlaceholder')}
          autoComplete="off"
          maxLength={200}
          className="block h-10 w-full rounded-lg border border-slate-300 bg-surface px-3 text-base placeholder:text-ink-muted dark:border-slate-700"
        />
      </div>
      {!data ? (
        <p className="text-sm text-ink-muted" role="status">
          {t('loadingMore')}
        </p>
      ) : shown.length === 0 ? (
        <p className="text-sm text-ink-muted" role="status">
          {t('noMatch', { query: search.trim() })}
        </p>
      ) : (
        <ul
          aria-label={t('listLabel')}
          className="divide-y divide-line overflow-hidden rounded-xl border border-line"
          data-testid="share-conversations"
        >
          {shown.map((conversation) => (
            <li key={conversation.id}>
              <Choice conversation={conversation} onChoose={onChoose} opening={opening} />
            </li>
          ))}
        </ul>
      )}
      {hasNextPage ? (
        <button
          type="button"
          onClick={() => void fetchNextPage()}
          disabled={isFetchingNextPage}
          className="text-sm text-accent underline disabled:opacity-60"
        >
          {isFetchingNextPage ? t('loadingMore') : t('showMore')}
        </button>
      ) : null}
    </div>
  );
}

function Choice({
  conversation,
  onChoose,
  opening,
}: {
  conversation: Conversation;
  onChoose: (conversation: Conversation) => void;
  opening: string | null;
}) {
  const t = useTranslations('share.page');
  const { contact } = conversation;
  const reason = contact.blocked ? t('blocked') : contact.acceptsMessages ? null : t('noReplies');
  const reasonId = useId();
  return (
    <button
      type="button"
      onClick={() => onChoose(conversation)}
      disabled={reason !== null || opening !== null}
      aria-describedby={reason ? reasonId : undefined}
      aria-busy={opening === conversation.id || undefined}
      data-testid="share-choice"
      className="flex w-full items-center gap-3 px-4 py-3 text-start hover:bg-surface-muted disabled:cursor-not-allowed disabled:hover:bg-transparent"
    >
      <Avatar name={contact.name} address={contact.address} />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium">{contact.name}</span>
        <span className="block truncate text-xs text-ink-muted">{contact.address}</span>
        {reason ? (
          <span id={reasonId} className="block text-xs text-ink-muted">
            {reason}
          </span>
        ) : null}
      </span>
    </button>
  );
}
