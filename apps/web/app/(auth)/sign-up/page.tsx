'use client';

import { type FormEvent, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { apiRoutes, registerRequestSchema } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { errorLine } from '@/lib/error-text';
import { fieldErrors } from '@/lib/field-errors';
import { nextQuery } from '@/lib/next-path';
import { useNodeInfo } from '@/lib/queries';
import { useLocationSearch } from '@/lib/use-location-search';

export default function SignUpPage() {
  const router = useRouter();
  const nodeInfo = useNodeInfo();
  const node = nodeInfo.data;
  const [form, setForm] = useState({ addressId: '', displayName: '', password: '', invitationCode: '' });
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useLocationSearch();
  const carried = nextQuery(search);

  const errors = fieldErrors(registerRequestSchema, { ...form, invitationCode: form.invitationCode || undefined });
  const show = (field: string) => (touched[field] ? errors[field] : null);
  const update = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value });
  const blur = (field: string) => () => setTouched({ ...touched, [field]: true });
  /** What every checked field of this form takes: its value, its change and blur handlers, its error once touched. */
  const field = (name: keyof typeof form) => ({
    name,
    value: form[name],
    onChange: update(name),
    onBlur: blur(name),
    error: show(name),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched({ addressId: true, displayName: true, password: true });
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await callApi(apiRoutes.register, { body: { ...form, invitationCode: form.invitationCode || undefined } });
      router.replace(`/welcome${carried}`); // the new address, large, and what to do next (and where they were going)
    } catch (caught) {
      setError(errorLine(caught, 'sign-up failed'));
      setBusy(false);
    }
  }

  if (node?.registration === 'closed') {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Sign-ups are closed</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The operator of {node.domain} creates accounts. Ask them for one, or run your own node.
        </p>
        <Link href="/sign-in" className="text-sm font-medium text-brand-600 underline dark:text-brand-100">
          Back to sign in
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby="sign-up-title" noValidate>
      <h1 id="sign-up-title" className="text-xl font-semibold">
        Create your address
      </h1>
      {error ? (
        <Alert>{error}</Alert>
      ) : nodeInfo.isError ? (
        <Alert>{errorLine(nodeInfo.error, 'cannot reach the server')}</Alert>
      ) : null}
      <TextField
        label="Your number (optional)"
        inputMode="numeric"
        {...field('addressId')}
        hint={`Your address will be number*${node?.domain ?? '…'}. Leave empty for a random one.`}
      />
      <TextField label="Display name" autoComplete="name" required {...field('displayName')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        {...field('password')}
        hint="At least 10 characters."
      />
      {node?.registration === 'invite' ? (
        <TextField
          label="Invitation code"
          name="invitationCode"
          required
          value={form.invitationCode}
          onChange={update('invitationCode')}
          hint="This node takes sign-ups by invitation."
        />
      ) : null}
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? 'Creating…' : 'Create account'}
      </Button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        Have an account?{' '}
        <Link href={`/sign-in${carried}`} className="font-medium text-brand-600 underline dark:text-brand-100">
          Sign in
        </Link>
      </p>
    </form>
  );
}
