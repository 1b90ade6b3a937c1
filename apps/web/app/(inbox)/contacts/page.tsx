'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes } from '@openmsg/core/api';
import { ContactRow } from '@/components/contacts/contact-row';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { routeQuery } from '@/lib/route-query';

export default function ContactsPage() {
  const t = useTranslations('contacts');
  const { data } = useQuery(routeQuery(apiRoutes.listContacts));
  const contacts = data?.items;
  return (
    <div className="mx-auto max-w-2xl px-4 py-8">
      <PageHeader title={t('title')}>{t('intro')}</PageHeader>
      {contacts ? null : <ListSkeleton label={t('loading')} rows={3} />}
      {contacts && contacts.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t('none')}</p>
      ) : null}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('title')}>
        {contacts?.map((contact) => (
          <ContactRow key={contact.id} contact={contact} />
        ))}
      </ul>
    </div>
  );
}
