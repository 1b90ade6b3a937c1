'use client';

import { type FormEvent, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { apiRoutes } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { errorLine } from '@/lib/error-text';
import { nextPath, nextQuery } from '@/lib/next-path';
import { nodeInfoQuery, useNodeInfo } from '@/lib/queries';
import { useLocationSearch } from '@/lib/use-location-search';

/** The domain of an address typed as `number*domain`, or null for a bare number (which is this node's). */
function domainOf(address: string): string | null {
  const star = address.lastIndexOf('*');
  return star < 0
    ? null
    : address
        .slice(star + 1)
        .trim()
        .toLowerCase();
}

export default function SignInPage() {
  const router = useRouter();
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const { data: node } = useNodeInfo(); // unknown until it answers (or if it fails): the node decides, as before
  const search = useLocationSearch();
  const carried = nextQuery(search);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // An address of another node would only be refused as "wrong address or password": say why.
      const domain = domainOf(address);
      const here = node ?? (await queryClient.fetchQuery(nodeInfoQuery()).catch(() => null));
      if (domain && here && domain !== here.domain.toLowerCase()) {
        setError(
          `This inbox serves only ${here.domain} addresses. To sign in as ${address.trim()}, open the inbox of ${domain}.`,
        );
        setBusy(false);
        return;
      }
      await callApi(apiRoutes.login, { body: { address, password } });
      router.replace(nextPath(search));
    } catch (caught) {
      setError(errorLine(caught, 'sign-in failed'));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" className="text-xl font-semibold">
        Sign in
      </h1>
      {error ? <Alert>{error}</Alert> : null}
      <TextField
        label="Address or number"
        name="address"
        autoComplete="username"
        required
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        placeholder="1234*example.com"
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        New here?{' '}
        <Link href={`/sign-up${carried}`} className="font-medium text-brand-600 underline dark:text-brand-100">
          Create an account
        </Link>
      </p>
    </form>
  );
}
