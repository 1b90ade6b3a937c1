'use client';

import { type FormEvent, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { MIN_PASSWORD_LENGTH } from '@openmsg/core/api/password-rules';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { fieldErrors, useFieldErrors } from '@/lib/field-errors';
import { callRoute, useLazyNodeInfo } from '@/lib/lazy-api';
import { nextQuery } from '@/lib/next-path';
import { useErrorText } from '@/lib/use-error-text';
import { useLazy } from '@/lib/use-lazy';
import { useLocationSearch } from '@/lib/use-location-search';

/** The contract's sign-up check (zod), loaded after the page: fields are checked as typed once it is there, and on submit. */
const loadSchema = () => import('@openmsg/core/api').then((api) => api.registerRequestSchema);

export default function SignUpPage() {
  const t = useTranslations('auth');
  const { errorLine } = useErrorText();
  const router = useRouter();
  const nodeInfo = useLazyNodeInfo();
  const node = nodeInfo.data;
  const [form, setForm] = useState({ addressId: '', displayName: '', password: '', invitationCode: '' });
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useLocationSearch();
  const carried = nextQuery(search);

  const schema = useLazy(loadSchema);
  const checked = { ...form, invitationCode: form.invitationCode || undefined };
  const errors = useFieldErrors(schema, checked);
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
    if (Object.keys(fieldErrors(schema ?? (await loadSchema()), checked)).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await callRoute('register', { body: checked });
      router.replace(`/welcome${carried}`); // the new address, large, and what to do next (and where they were going)
    } catch (caught) {
      setError(errorLine(caught, t('signUp.failed')));
      setBusy(false);
    }
  }

  if (node?.registration === 'closed') {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">{t('signUp.closedTitle')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('signUp.closedText', { domain: node.domain })}</p>
        <Link href="/sign-in" className="text-sm font-medium text-brand-600 underline dark:text-brand-100">
          {t('signUp.backToSignIn')}
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby="sign-up-title" noValidate>
      <h1 id="sign-up-title" className="text-xl font-semibold">
        {t('signUp.title')}
      </h1>
      {error ? (
        <Alert>{error}</Alert>
      ) : nodeInfo.isError ? (
        <Alert>{errorLine(nodeInfo.error, t('signUp.unreachable'))}</Alert>
      ) : null}
      <TextField
        label={t('signUp.number')}
        inputMode="numeric"
        {...field('addressId')}
        hint={t('signUp.numberHint', { domain: node?.domain ?? '…' })}
      />
      <TextField label={t('signUp.displayName')} autoComplete="name" required {...field('displayName')} />
      <TextField
        label={t('password')}
        type="password"
        autoComplete="new-password"
        required
        {...field('password')}
        hint={t('signUp.passwordHint', { min: MIN_PASSWORD_LENGTH })}
      />
      {node?.registration === 'invite' ? (
        <TextField
          label={t('signUp.invitationCode')}
          name="invitationCode"
          required
          value={form.invitationCode}
          onChange={update('invitationCode')}
          hint={t('signUp.invitationHint')}
        />
      ) : null}
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? t('signUp.busy') : t('signUp.submit')}
      </Button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {t.rich('signUp.haveAccount', {
          link: (chunks) => (
            <Link href={`/sign-in${carried}`} className="font-medium text-brand-600 underline dark:text-brand-100">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </form>
  );
}
