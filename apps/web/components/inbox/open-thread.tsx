'use client';

import { useInbox } from '@/lib/inbox-context';
import { Thread } from './thread';

/** The thread of the conversation in the address, or a note when it is gone (the contact was deleted). */
export function OpenThread({ contactId }: { contactId: string }) {
  const { conversations } = useInbox();
  const selected = conversations?.find((conversation) => conversation.contact.id === contactId);
  if (!selected) return <p className="text-sm text-slate-500 dark:text-slate-400">This conversation no longer exists.</p>;
  return <Thread key={selected.contact.id} contact={selected.contact} unreadCount={selected.unreadCount} />;
}
