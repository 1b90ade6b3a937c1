'use client';

import { type FormEvent, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type CreatedApiToken } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { errorLine } from '@/lib/error-text';
import { shortTime } from '@/lib/format-time';
import { routePrefix, routeQuery } from '@/lib/route-query';

/** Personal access tokens for scripts: the token is shown once, at creation. */
export function AccessTokens() {
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
        Access tokens
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        For scripts and shops sending through the API: <code>Authorization: Bearer om_…</code>
      </p>
      <form onSubmit={submit} className="flex items-end gap-2">
        <TextField
          label="Token name"
          className="flex-1"
          value={name}
          maxLength={80}
          onChange={(event) => setName(event.target.value)}
          hint="What will use it, e.g. “order updates”."
        />
        <Button type="submit" className="mb-5" disabled={!name.trim()}>
          Create token
        </Button>
      </form>
      {failed ? <Alert>{errorLine(failed, 'could not change the access tokens')}</Alert> : null}
      {created ? (
        <Alert kind="success">
          Copy it now, it is not shown again:{' '}
          <code className="break-all" data-testid="new-token">
            {created.token}
          </code>{' '}
          <button
            type="button"
            className="underline"
            onClick={() => void navigator.clipboard.writeText(created.token).catch(() => undefined)}
          >
            Copy
          </button>
        </Alert>
      ) : null}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Access tokens">
        {tokens.map((token) => (
          <li key={token.id} className="flex items-center justify-between py-2 text-sm">
            <span>
              <span className="font-medium">{token.name}</span> · created {shortTime(token.createdAt)}
              {token.lastUsedAt ? ` · last used ${shortTime(token.lastUsedAt)}` : ' · never used'}
            </span>
            <Button variant="danger" onClick={() => revoke.mutate(token.id)} aria-label={`Revoke token ${token.name}`}>
              Revoke
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
