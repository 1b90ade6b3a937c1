'use client';

import { type FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes, type CreatedInvitation } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { routePrefix, routeQuery } from '@/lib/route-query';
import { useErrorText } from '@/lib/use-error-text';
import { useTimeFormat } from '@/lib/use-time-format';

export default function AdminInvitationsPage() {
  const t = useTranslations('admin.invitations');
  const mode = useTranslations('admin.overview.mode');
  const { errorLine } = useErrorText();
  const { shortTime } = useTimeFormat();
  const client = useQueryClient();
  const overview = useQuery(routeQuery(apiRoutes.adminOverview)).data;
  const invitations = useQuery(routeQuery(apiRoutes.adminInvitations)).data?.items;
  const [note, setNote] = useState('');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const changed = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: routePrefix(apiRoutes.adminInvitations) }),
      client.invalidateQueries({ queryKey: routePrefix(apiRoutes.adminAudit) }),
    ]);
  const create = useMutation({
    mutationFn: () => callApi(apiRoutes.adminCreateInvitation, { body: { note: note.trim() || undefined } }),
    onSuccess: (invitation) => (setCreated(invitation), setNote(''), changed()),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => callApi(apiRoutes.adminRevokeInvitation, { params: { id } }),
    onSuccess: changed,
  });
  const failed = create.error ?? revoke.error;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')}>{t('intro')}</PageHeader>
      {overview ? (
        <section
          aria-labelledby="registration-title"
          className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800"
        >
          <h2 id="registration-title" className="font-semibold">
            {t('registration', { mode: mode(overview.registration.mode) })}
          </h2>
          <p dir="auto" className="mt-1 text-slate-600 dark:text-slate-400">
            {overview.registration.howToChange}
          </p>
        </section>
      ) : null}
      <form onSubmit={submit} className="flex items-end gap-2">
        <TextField
          label={t('note')}
          className="flex-1"
          value={note}
          maxLength={200}
          onChange={(event) => setNote(event.target.value)}
        />
        <Button type="submit" className="mb-0.5">
          {t('create')}
        </Button>
      </form>
      {created ? (
        <Alert kind="success">
          {t('created')}{' '}
          <code className="break-all" dir="ltr" data-testid="new-invitation">
            {created.code}
          </code>{' '}
          {t('validUntilParen', { time: shortTime(created.expiresAt) })}
        </Alert>
      ) : null}
      {failed ? <Alert>{errorLine(failed, t('failed'))}</Alert> : null}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('title')}>
        {invitations?.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
            <span className="min-w-0">
              <bdi className="font-medium">{invitation.note ?? t('noNote')}</bdi> ·{' '}
              {t('made', { time: shortTime(invitation.createdAt) })} ·{' '}
              {invitation.usedAt
                ? t('used', { time: shortTime(invitation.usedAt) })
                : t('validUntil', { time: shortTime(invitation.expiresAt) })}
            </span>
            {invitation.usedAt ? null : (
              <Button
                variant="danger"
                onClick={() => revoke.mutate(invitation.id)}
                aria-label={invitation.note ? t('revokeLabel', { note: invitation.note }) : t('revokeLabelNoNote')}
              >
                {t('revoke')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
