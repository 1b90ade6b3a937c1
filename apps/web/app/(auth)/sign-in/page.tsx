'use client';

import { type FormEvent, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { apiRoutes } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { errorLine } from '@/lib/error-text';

export default function SignInPage() {
  const router = useRouter();
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await callApi(apiRoutes.login, { body: { address, password } });
      router.replace('/');
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
      <TextField label="Address or number" name="address" autoComplete="username" required value={address} onChange={(e) => setAddress(e.target.value)} placeholder="1234*example.com" />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        New here?{' '}
        <Link href="/sign-up" className="font-medium text-brand-600 underline dark:text-brand-100">
          Create an account
        </Link>
      </p>
    </form>
  );
}
