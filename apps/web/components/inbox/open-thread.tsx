'use client';

import { useEffect, useState } from 'react';
import type { Contact } from '@openmsg/core/api';
import { api } from '@/lib/api-client';
import { useInbox } from '@/lib/inbox-context';
import { Thread } from './thread';

/**
 * The thread of the conversation in the address. A contact beyond the conversations loaded so far
 * (the list loads 100 at a time) is fetched on its own; one that is gone gets a note.
 */
export function OpenThread({ contactId }: { contactId: string }) {
  const { conversations } = useInbox();
  const listed = conversations?.find((conversation) => conversation.contact.id === contactId);
  const [fetched, setFetched] = useState<{ id: string; contact: Contact | null } | null>(null);

  useEffect(() => {
    if (listed || conversations === null) return;
    let current = true;
    api<Contact>('GET', `/contacts/${contactId}`).then(
      (contact) => current && setFetched({ id: contactId, contact }),
      () => current && setFetched({ id: contactId, contact: null }),
    );
    return () => {
      current = false;
    };
  }, [contactId, conversations, listed]);

  const contact = listed?.contact ?? (fetched?.id === contactId ? fetched.contact : undefined);
  if (contact === undefined) return null;
  if (contact === null) return <p className="text-sm text-slate-500 dark:text-slate-400">This conversation no longer exists.</p>;
  return <Thread key={contact.id} contact={contact} unreadCount={listed?.unreadCount ?? 0} />;
}
