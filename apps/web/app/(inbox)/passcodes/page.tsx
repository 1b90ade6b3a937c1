'use client';

import { type FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes, type CreatedPassCode } from '@openmsg/core/api';
import { NewPassCode } from '@/components/passcodes/new-pass-code';
import { Countdown } from '@/components/passcodes/countdown';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { routePrefix, routeQuery } from '@/lib/route-query';
import { useErrorText } from '@/lib/use-error-text';

export default function PassCodesPage() {
  const t = useTranslations('passcodes');
  const { errorLine } = useErrorText();
  const client = useQueryClient();
  const { data: list } = useQuery(routeQuery(apiRoutes.listPassCodes));
  const [created, setCreated] = useState<CreatedPassCode | null>(null);
  const [note, setNote] = useState('');
  const reload = () => client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listPassCodes) });

  const create = useMutation({
    mutationFn: (body: { note?: string }) => callApi(apiRoutes.createPassCode, { body }),
    onSuccess: (code) => {
      setCreated(code);
      setNote('');
      return reload();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => callApi(apiRoutes.revokePassCode, { params: { id } }),
    onSuccess: (_, id) => {
      if (created?.id === id) setCreated(null);
      return reload();
    },
  });
  const failed = create.error ?? revoke.error;
  const error = failed ? errorLine(failed, create.error ? t('createFailed') : t('revokeFailed')) : null;

  function generate(event: FormEvent) {
    event.preventDefault();
    create.mutate({ note: note.trim() || undefined });
  }

  return (
    <div className="mx-auto max-w-2xl px-4 py-8">
      <PageHeader title={t('title')}>{t('intro')}</PageHeader>
      {error ? <Alert>{error}</Alert> : null}
      <form onSubmit={generate} className="mb-6 flex items-end gap-2">
        <TextField
          label={t('note')}
          hint={t('noteHint')}
          className="flex-1"
          value={note}
          maxLength={200}
          onChange={(event) => setNote(event.target.value)}
        />
        <Button type="submit" className="mb-5">
          {t('generate')}
        </Button>
      </form>
      {created ? (
        <NewPassCode
          key={created.id}
          code={created}
          onRenew={() => create.mutate({ note: created.note ?? undefined })}
          renewing={create.isPending}
        />
      ) : null}

      <h2 className="mt-8 mb-2 font-semibold">{t('open')}</h2>
      {list && list.items.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t('none')}</p>
      ) : null}
      {list ? null : <ListSkeleton label={t('loading')} rows={2} avatars={false} />}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('open')}>
        {list?.items.map((item) => (
          <li
            key={item.id}
            className="flex items-center justify-between gap-3 py-2 text-sm"
            data-testid="open-pass-code"
          >
            <span>
              <bdi className="font-medium">{item.note ?? t('noNote')}</bdi> · <Countdown until={item.expiresAt} />
            </span>
            <Button
              variant="danger"
              onClick={() => revoke.mutate(item.id)}
              aria-label={item.note ? t('revokeLabel', { note: item.note }) : t('revokeLabelNoNote')}
            >
              {t('revoke')}
            </Button>
          </li>
        ))}
      </ul>
      {list ? (
        <p className="mt-6 text-sm text-slate-600 dark:text-slate-400" data-testid="failed-attempts">
          {t('failedAttempts', { day: list.failedAttempts.lastDay, week: list.failedAttempts.lastWeek })}
        </p>
      ) : null}
    </div>
  );
}
