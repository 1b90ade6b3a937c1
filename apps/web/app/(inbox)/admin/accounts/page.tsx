'use client';

import { type FormEvent, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes } from '@openmsg/core/api';
import { AccountRow } from '@/components/admin/account-row';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { useInbox } from '@/lib/inbox-context';
import { routeKey } from '@/lib/route-query';

export default function AdminAccountsPage() {
  const t = useTranslations('admin.accounts');
  const { me } = useInbox();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const accounts = useInfiniteQuery({
    queryKey: routeKey(apiRoutes.adminAccounts, { query: { q } }),
    queryFn: ({ pageParam, signal }) =>
      callApi(apiRoutes.adminAccounts, { query: { q: q || undefined, cursor: pageParam } }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = accounts.data?.pages.flatMap((page) => page.items);

  function search(event: FormEvent) {
    event.preventDefault();
    setQ(typed.trim());
  }

  return (
    <div>
      <PageHeader title={t('title')}>{t('intro')}</PageHeader>
      <form onSubmit={search} role="search" className="mb-4 flex items-end gap-2">
        <TextField
          label={t('search')}
          className="flex-1"
          value={typed}
          maxLength={100}
          onChange={(event) => setTyped(event.target.value)}
        />
        <Button type="submit" className="mb-0.5">
          {t('searchButton')}
        </Button>
      </form>
      {items ? null : <ListSkeleton label={t('loading')} rows={3} avatars={false} />}
      {items && items.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t('none')}</p> : null}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('title')}>
        {items?.map((account) => (
          <AccountRow key={account.id} account={account} isMe={account.id === me.id} />
        ))}
      </ul>
      {accounts.hasNextPage ? (
        <Button
          variant="secondary"
          className="mt-3"
          onClick={() => void accounts.fetchNextPage()}
          disabled={accounts.isFetchingNextPage}
        >
          {t('more')}
        </Button>
      ) : null}
    </div>
  );
}
