'use client';

import type { ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { ListSkeleton, ThreadSkeleton } from '@/components/ui/skeleton';
import { useConversations } from '@/lib/queries';
import { ConversationPane } from './conversation-pane';
import { EmptyInbox } from './empty-inbox';
import { OpenThread } from './open-thread';

/** `/c/<id>` → the conversation id; the address bar, not the route's params, since conversations switch by history.pushState (see ConversationLink). */
function conversationIn(pathname: string): string | null {
  const match = /^\/c\/([^/]+)$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/**
 * The conversation list beside the open thread on wide screens; one or the other on a phone. The
 * thread is chosen here from the address, so the route's pages (`children`) render nothing.
 * `minmax(0, 1fr)` and `min-w-0`: a long unbroken word wraps in its bubble instead of widening the grid.
 */
export function InboxSplit({ children }: { children: ReactNode }) {
  const t = useTranslations('inbox');
  const { data: conversations } = useConversations();
  const selectedId = conversationIn(usePathname());
  if (conversations === undefined)
    return (
      <div className="mx-auto h-full max-w-6xl md:grid md:grid-cols-[var(--container-sidebar)_minmax(0,1fr)] md:border-x md:border-line">
        <div className={`md:border-e md:border-line ${selectedId ? 'hidden md:block' : ''}`}>
          <ListSkeleton label={t('loadingConversations')} />
        </div>
        {selectedId ? <ThreadSkeleton label={t('loadingConversation')} /> : null}
      </div>
    );
  if (conversations.length === 0) return <EmptyInbox />;
  return (
    <div className="mx-auto grid h-full max-w-6xl grid-cols-1 md:grid-cols-[var(--container-sidebar)_minmax(0,1fr)] md:border-x md:border-line">
      {selectedId ? null : <h1 className="sr-only">{t('title')}</h1>}
      <section
        aria-label={t('conversationList')}
        className={`min-h-0 min-w-0 md:border-e md:border-line ${selectedId ? 'hidden md:block' : ''}`}
      >
        <ConversationPane conversations={conversations} selectedId={selectedId} />
      </section>
      <section
        aria-label={t('threadLabel')}
        className={`min-h-0 min-w-0 ${selectedId ? '' : 'hidden md:flex md:items-center md:justify-center'}`}
      >
        {selectedId ? (
          <OpenThread key={selectedId} conversationId={selectedId} />
        ) : (
          <p className="text-sm text-ink-muted">{t('pick')}</p>
        )}
        {children}
      </section>
    </div>
  );
}
