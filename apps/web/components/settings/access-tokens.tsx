'use client';

import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { ApiTokenView, CreatedApiToken } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api-client';
import { shortTime } from '@/lib/format-time';

/** Personal access tokens for scripts: the token is shown once, at creation. */
export function AccessTokens() {
  const [tokens, setTokens] = useState<ApiTokenView[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const load = useCallback(async () => setTokens((await api<{ items: ApiTokenView[] }>('GET', '/tokens')).items), []);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setCreated(await api<CreatedApiToken>('POST', '/tokens', { name }));
    setName('');
    await load();
  }

  return (
    <section className="space-y-4" aria-labelledby="tokens-title">
      <h2 id="tokens-title" className="font-semibold">
        Access tokens
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        For scripts and shops sending through the API: <code>Authorization: Bearer om_…</code>
      </p>
      <form onSubmit={create} className="flex items-end gap-2">
        <TextField label="Token name" className="flex-1" value={name} maxLength={80} onChange={(event) => setName(event.target.value)} hint="What will use it, e.g. “order updates”." />
        <Button type="submit" className="mb-5" disabled={!name.trim()}>
          Create token
        </Button>
      </form>
      {created ? (
        <Alert kind="success">
          Copy it now, it is not shown again: <code className="break-all" data-testid="new-token">{created.token}</code>{' '}
          <button type="button" className="underline" onClick={() => void navigator.clipboard.writeText(created.token).catch(() => undefined)}>
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
            <Button variant="danger" onClick={() => void api('DELETE', `/tokens/${token.id}`).then(load)} aria-label={`Revoke token ${token.name}`}>
              Revoke
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
