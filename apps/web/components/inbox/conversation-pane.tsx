'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { Conversation } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { useConversations } from '@/lib/queries';
import { ConversationList } from './conversation-list';
import { SearchResults } from './search-results';
import { useMessageSearch } from './use-message-search';

/** The left pane: a message search over the conversation list; while searching, the results replace the list. */
export function ConversationPane({
  conversations,
  selectedId,
}: {
  conversations: Conversation[];
  selectedId: string | null;
}) {
  const t = useTranslations('inbox');
  const [query, setQuery] = useState('');
  const { items, searching, error } = useMessageSearch(query);
  const { hasNextPage: hasMoreConversations, fetchNextPage, isFetchingNextPage: loadingMore } = useConversations();
  const showMore = () => void fetchNextPage();
  return (
    <div className="flex h-full flex-col">
      <div role="search" className="border-b border-line p-3">
        <label htmlFor="message-search" className="sr-only">
          {t('searchLabel')}
        </label>
        <input
          id="message-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && setQuery('')}
          placeholder={t('searchLabel')}
          autoComplete="off"
          maxLength={200}
          className="block h-9 w-full rounded-lg border border-slate-300 bg-surface px-3 text-sm placeholder:text-ink-muted dark:border-slate-700"
        />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={searching}>
        {error ? (
          <div className="p-3">
            <Alert>{error}</Alert>
          </div>
        ) : null}
        {query.trim() ? (
          items ? (
            <SearchResults items={items} term={query} conversations={conversations} />
          ) : (
            <p className="px-4 py-6 text-sm text-ink-muted" role="status">
              {t('searching')}
            </p>
          )
        ) : (
          <>
            <ConversationList conversations={conversations} selectedId={selectedId} />
            {hasMoreConversations ? (
              <div className="p-3 text-center">
                <button
                  type="button"
                  onClick={showMore}
                  disabled={loadingMore}
                  className="text-sm text-accent underline disabled:opacity-60"
                >
                  {loadingMore ? t('loading') : t('showMore')}
                </button>
              </div>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
