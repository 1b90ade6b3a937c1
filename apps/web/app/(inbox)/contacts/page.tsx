'use client';

import { useCallback, useEffect, useState } from 'react';
import type { Contact } from '@openmsg/core/api';
import { ContactRow } from '@/components/contacts/contact-row';
import { PageHeader } from '@/components/ui/page-header';
import { api } from '@/lib/api-client';
import { useInbox } from '@/lib/inbox-context';

export default function ContactsPage() {
  const { refreshConversations } = useInbox();
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const load = useCallback(async () => {
    setContacts((await api<{ items: Contact[] }>('GET', '/contacts')).items);
    await refreshConversations();
  }, [refreshConversations]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="mx-auto max-w-2xl px-4 py-8">
      <PageHeader title="Contacts">People you connected with. Blocking answers their messages with a refusal; they are not told why.</PageHeader>
      {contacts && contacts.length === 0 ? <p className="text-sm text-slate-500">No contacts yet.</p> : null}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Contacts">
        {contacts?.map((contact) => <ContactRow key={contact.id} contact={contact} onChanged={load} />)}
      </ul>
    </div>
  );
}
