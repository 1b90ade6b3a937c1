'use client';

import { useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@openmsg/core/api';
import { ContactRow } from '@/components/contacts/contact-row';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { routeQuery } from '@/lib/route-query';

export default function ContactsPage() {
  const { data } = useQuery(routeQuery(apiRoutes.listContacts));
  const contacts = data?.items;
  return (
    <div className="mx-auto max-w-2xl px-4 py-8">
      <PageHeader title="Contacts">
        People you connected with. Blocking answers their messages with a refusal; they are not told why.
      </PageHeader>
      {contacts ? null : <ListSkeleton label="Loading contacts" rows={3} />}
      {contacts && contacts.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No contacts yet.</p>
      ) : null}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Contacts">
        {contacts?.map((contact) => (
          <ContactRow key={contact.id} contact={contact} />
        ))}
      </ul>
    </div>
  );
}
