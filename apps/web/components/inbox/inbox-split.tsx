'use client';

import { useInbox } from '@/lib/inbox-context';
import { ConversationList } from './conversation-list';
import { EmptyInbox } from './empty-inbox';
import { Thread } from './thread';

/** The conversation list beside the open thread on wide screens; one or the other on a phone. */
export function InboxSplit({ selectedId }: { selectedId: string | null }) {
  const { conversations } = useInbox();
  if (conversations === null) return <p className="p-6 text-sm text-slate-500" role="status">Loading conversations…</p>;
  if (conversations.length === 0) return <EmptyInbox />;
  const selected = conversations.find((conversation) => conversation.contact.id === selectedId) ?? null;
  return (
    <div className="mx-auto grid h-full max-w-6xl md:grid-cols-[20rem_1fr] md:border-x md:border-slate-200 dark:md:border-slate-800">
      <section aria-label="Conversation list" className={`min-h-0 overflow-y-auto md:border-r md:border-slate-200 dark:md:border-slate-800 ${selectedId ? 'hidden md:block' : ''}`}>
        <ConversationList conversations={conversations} selectedId={selectedId} />
      </section>
      <section aria-label="Thread" className={`min-h-0 ${selectedId ? '' : 'hidden md:flex md:items-center md:justify-center'}`}>
        {selected ? <Thread key={selected.contact.id} contact={selected.contact} unreadCount={selected.unreadCount} /> : <p className="text-sm text-slate-500">{selectedId ? 'This conversation no longer exists.' : 'Pick a conversation.'}</p>}
      </section>
    </div>
  );
}
