'use client';

import { type FormEvent, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { ADDRESS_EXAMPLE } from '@/lib/examples';
import { callRoute, lazyNodeInfoQuery, useLazyNodeInfo } from '@/lib/lazy-api';
import { nextPath, nextQuery } from '@/lib/next-path';
import { useErrorText } from '@/lib/use-error-text';
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
  const t = useTranslations('auth');
  const { errorLine } = useErrorText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const { data: node } = useLazyNodeInfo(); // unknown until it answers (or if it fails): the node decides, as before
  const search = useLocationSearch();
  const carried = nextQuery(search);

  // The fields are read from the form, not kept in state: what was typed or autofilled before the page came alive
  // (a slow phone, a password manager) is not wiped by the first render that follows.
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const address = String(fields.get('address') ?? '');
    const password = String(fields.get('password') ?? '');
    setBusy(true);
    setError(null);
    try {
      // An address of another node would only be refused as "wrong address or password": say why.
      const domain = domainOf(address);
      const here = node ?? (await queryClient.fetchQuery(lazyNodeInfoQuery()).catch(() => null));
      if (domain && here && domain !== here.domain.toLowerCase()) {
        setError(t('signIn.otherNode', { domain: here.domain, address: address.trim(), otherDomain: domain }));
        setBusy(false);
        return;
      }
      await callRoute('login', { body: { address, password } });
      router.replace(nextPath(search));
    } catch (caught) {
      setError(errorLine(caught, t('signIn.failed')));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" className="text-xl font-semibold">
        {t('signIn.title')}
      </h1>
      {error ? <Alert>{error}</Alert> : null}
      <TextField
        label={t('signIn.address')}
        name="address"
        autoComplete="username"
        required
        placeholder={ADDRESS_EXAMPLE}
        dir="ltr"
      />
      <TextField label={t('password')} name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </Button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {t.rich('signIn.newHere', {
          link: (chunks) => (
            <Link href={`/sign-up${carried}`} className="font-medium text-brand-600 underline dark:text-brand-100">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </form>
  );
}
