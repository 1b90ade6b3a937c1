'use client';

import { type FormEvent, useState } from 'react';
import { useRouter } from 'next/navigation';
import { type Contact, connectRequestSchema } from '@openmsg/core/api';
import { ConnectError } from '@/components/connect/connect-error';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { TextField } from '@/components/ui/text-field';
import { api, ApiError } from '@/lib/api-client';
import { fieldErrors } from '@/lib/field-errors';
import { useInbox } from '@/lib/inbox-context';

export default function ConnectPage() {
  const router = useRouter();
  const { refreshConversations } = useInbox();
  const [address, setAddress] = useState('');
  const [passCode, setPassCode] = useState('');
  const [touched, setTouched] = useState({ address: false, passCode: false });
  const [error, setError] = useState<{ code: string; message: string; detail: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(connectRequestSchema, { address, passCode: passCode.replace(/\s/g, '') });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched({ address: true, passCode: true });
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const contact = await api<Contact>('POST', '/contacts', { address: address.trim(), passCode: passCode.replace(/\s/g, '') });
      await refreshConversations();
      router.push(`/c/${contact.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? { code: caught.code, message: caught.message, detail: caught.detail } : { code: 'error', message: 'Connecting failed.', detail: null });
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto max-w-md px-4 py-8">
      <PageHeader title="Connect">Enter the address and the pass code someone gave you. A pass code works once and for one hour.</PageHeader>
      <form onSubmit={submit} className="space-y-4" noValidate>
        {error ? <ConnectError code={error.code} message={error.message} detail={error.detail} /> : null}
        <TextField
          label="Their address"
          name="address"
          placeholder="1234*example.com"
          autoComplete="off"
          value={address}
          onChange={(event) => setAddress(event.target.value)}
          onBlur={() => setTouched({ ...touched, address: true })}
          error={touched.address ? errors.address : null}
        />
        <TextField
          label="Pass code"
          name="passCode"
          inputMode="numeric"
          placeholder="123 456"
          autoComplete="one-time-code"
          value={passCode}
          onChange={(event) => setPassCode(event.target.value)}
          onBlur={() => setTouched({ ...touched, passCode: true })}
          error={touched.passCode ? errors.passCode : null}
        />
        <Button type="submit" disabled={busy} className="w-full">
          {busy ? 'Connecting…' : 'Connect'}
        </Button>
      </form>
    </div>
  );
}
