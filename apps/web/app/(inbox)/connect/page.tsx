'use client';

import { type FormEvent, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { apiRoutes, connectRequestSchema, type ConnectRequest } from '@openmsg/core/api';
import { ConnectError } from '@/components/connect/connect-error';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { errorText } from '@/lib/error-text';
import { fieldErrors } from '@/lib/field-errors';
import { routePrefix } from '@/lib/route-query';

export default function ConnectPage() {
  const router = useRouter();
  const client = useQueryClient();
  const [address, setAddress] = useState('');
  const [passCode, setPassCode] = useState('');
  const [touched, setTouched] = useState({ address: false, passCode: false });
  const errors = fieldErrors(connectRequestSchema, { address, passCode: passCode.replace(/\s/g, '') });
  const connect = useMutation({
    mutationFn: (body: ConnectRequest) => callApi(apiRoutes.connect, { body }),
    onSuccess: async (contact) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listConversations) }),
        client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listContacts) }),
      ]);
      router.push(`/c/${contact.conversationId}`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched({ address: true, passCode: true });
    connect.reset(); // the last refusal no longer applies to what is entered now
    if (Object.keys(errors).length > 0) return;
    connect.mutate({ address: address.trim(), passCode: passCode.replace(/\s/g, '') });
  }

  const busy = connect.isPending || connect.isSuccess;
  return (
    <div className="mx-auto max-w-md px-4 py-8">
      <PageHeader title="Connect">Enter the address and the pass code someone gave you. A pass code works once and for one hour.</PageHeader>
      <form onSubmit={submit} className="space-y-4" noValidate>
        {connect.error ? <ConnectError error={errorText(connect.error, 'Connecting failed.')} /> : null}
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
