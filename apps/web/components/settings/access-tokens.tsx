'use client';

import { type FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes, type CreatedApiToken } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { routePrefix, routeQuery } from '@/lib/route-query';
import { useErrorText } from '@/lib/use-error-text';
import { useTimeFormat } from '@/lib/use-time-format';

/** Personal access tokens for scripts: the token is shown once, at creation. */
export function AccessTokens() {
  const t = useTranslations('settings.tokens');
  const { errorLine } = useErrorText();
  const { shortTime } = useTimeFormat();
  const client = useQueryClient();
  const tokens = useQuery(routeQuery(apiRoutes.listTokens)).data?.items ?? [];
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const reload = () => client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listTokens) });
  const create = useMutation({
    mutationFn: (tokenName: string) => callApi(apiRoutes.createToken, { body: { name: tokenName } }),
    onSuccess: (token) => {
      setCreated(token);
      setName('');
      return reload();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => callApi(apiRoutes.revokeToken, { params: { id } }),
    onSuccess: reload,
  });
  const failed = create.error ?? revoke.error;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(name);
  }

  return (
    <section className="space-y-4" aria-labelledby="tokens-title">
      <h2 id="tokens-title" className="font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t.rich('explain', {
          header: 'Authorization: Bearer om_…',
          code: (chunks) => <code dir="ltr">{chunks}</code>,
        })}
      </p>
      <form onSubmit={submit} className="flex items-end gap-2">
        <TextField
          label={t('name')}
          className="flex-1"
          value={name}
          maxLength={80}
          onChange={(event) => setName(event.target.value)}
          hint={t('nameHint')}
        />
        <Button type="submit" className="mb-5" disabled={!name.trim()}>
          {t('create')}
        </Button>
      </form>
      {failed ? <Alert>{errorLine(failed, t('failed'))}</Alert> : null}
      {created ? (
        <Alert kind="success">
          {t('copyNow')}{' '}
          <code className="break-all" dir="ltr" data-testid="new-token">
            {created.token}
          </code>{' '}
          <button
            type="button"
            className="underline"
            onClick={() => void navigator.clipboard.writeText(created.token).catch(() => undefined)}
          >
            {t('copy')}
          </button>
        </Alert>
      ) : null}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('title')}>
        {tokens.map((token) => (
          <li key={token.id} className="flex items-center justify-between py-2 text-sm">
            <span>
              <bdi className="font-medium">{token.name}</bdi> · {t('created', { time: shortTime(token.createdAt) })}
              {' · '}
              {token.lastUsedAt ? t('lastUsed', { time: shortTime(token.lastUsedAt) }) : t('neverUsed')}
            </span>
            <Button
              variant="danger"
              onClick={() => revoke.mutate(token.id)}
              aria-label={t('revokeLabel', { name: token.name })}
            >
              {t('revoke')}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
