'use client';

import { type FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type CreatedPassCode } from '@openmsg/core/api';
import { NewPassCode } from '@/components/passcodes/new-pass-code';
import { Countdown } from '@/components/passcodes/countdown';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { errorLine } from '@/lib/error-text';
import { routePrefix, routeQuery } from '@/lib/route-query';

export default function PassCodesPage() {
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
  const error = failed
    ? errorLine(failed, create.error ? 'could not create a pass code' : 'could not revoke the pass code')
    : null;

  function generate(event: FormEvent) {
    event.preventDefault();
    create.mutate({ note: note.trim() || undefined });
  }

  return (
    <div className="mx-auto max-w-2xl px-4 py-8">
      <PageHeader title="Pass codes">
        Give a pass code to someone you want to hear from. It works once, for one hour.
      </PageHeader>
      {error ? <Alert>{error}</Alert> : null}
      <form onSubmit={generate} className="mb-6 flex items-end gap-2">
        <TextField
          label="Note (optional)"
          hint="Who is it for? Only you see this."
          className="flex-1"
          value={note}
          maxLength={200}
          onChange={(event) => setNote(event.target.value)}
        />
        <Button type="submit" className="mb-5">
          Generate pass code
        </Button>
      </form>
      {created ? <NewPassCode code={created} /> : null}

      <h2 className="mt-8 mb-2 font-semibold">Open pass codes</h2>
      {list && list.items.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">None. Codes are removed once used or expired.</p>
      ) : null}
      {list ? null : <ListSkeleton label="Loading pass codes" rows={2} avatars={false} />}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Open pass codes">
        {list?.items.map((item) => (
          <li
            key={item.id}
            className="flex items-center justify-between gap-3 py-2 text-sm"
            data-testid="open-pass-code"
          >
            <span>
              <span className="font-medium">{item.note ?? 'No note'}</span> · <Countdown until={item.expiresAt} />
            </span>
            <Button
              variant="danger"
              onClick={() => revoke.mutate(item.id)}
              aria-label={`Revoke pass code ${item.note ?? ''}`}
            >
              Revoke
            </Button>
          </li>
        ))}
      </ul>
      {list ? (
        <p className="mt-6 text-sm text-slate-600 dark:text-slate-400" data-testid="failed-attempts">
          Failed attempts against you: {list.failedAttempts.lastDay} in the last day, {list.failedAttempts.lastWeek} in
          the last week.
        </p>
      ) : null}
    </div>
  );
}
