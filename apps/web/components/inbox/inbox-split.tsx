'use client';

import type { ReactNode } from 'react';
import { useParams } from 'next/navigation';
import { useConversations } from '@/lib/queries';
import { ConversationPane } from './conversation-pane';
import { EmptyInbox } from './empty-inbox';

/** The conversation list beside the open thread (`children`) on wide screens; one or the other on a phone. */
export function InboxSplit({ children }: { children: ReactNode }) {
  const { data: conversations } = useConversations();
  const params = useParams<{ conversationId?: string }>();
  const selectedId = params.conversationId ?? null;
  if (conversations === undefined)
    return (
      <p className="p-6 text-sm text-slate-500" role="status">
        Loading conversations…
      </p>
    );
  if (conversations.length === 0) return <EmptyInbox />;
  return (
    <div className="mx-auto grid h-full max-w-6xl md:grid-cols-[20rem_1fr] md:border-x md:border-slate-200 dark:md:border-slate-800">
      <section aria-label="Conversation list" className={`min-h-0 md:border-r md:border-slate-200 dark:md:border-slate-800 ${selectedId ? 'hidden md:block' : ''}`}>
        <ConversationPane conversations={conversations} selectedId={selectedId} />
      </section>
      <section aria-label="Thread" className={`min-h-0 ${selectedId ? '' : 'hidden md:flex md:items-center md:justify-center'}`}>
        {children}
      </section>
    </div>
  );
}
