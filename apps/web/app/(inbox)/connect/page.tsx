'use client';

import { type ClipboardEvent, type FormEvent, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { apiRoutes, connectRequestSchema, type ConnectRequest } from '@openmsg/core/api';
import { ConnectError } from '@/components/connect/connect-error';
import { LinkHandlerButton } from '@/components/connect/link-handler-button';
import { QrImageReader } from '@/components/connect/qr-image-reader';
import { QrScanner } from '@/components/connect/qr-scanner';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { connectErrorText } from '@/lib/connect-error-text';
import { ADDRESS_EXAMPLE, PASS_CODE_EXAMPLE } from '@/lib/examples';
import { useFieldErrors } from '@/lib/field-errors';
import { routePrefix } from '@/lib/route-query';
import { type Invitation, invitationFromQuery, parseInvitation } from '@/lib/share-text';
import { useErrorText } from '@/lib/use-error-text';

/** What the page opens with: `?address=…&code=…`, or `?uri=<web+openmsg: link>` from the protocol handler. Never submitted by itself. */
function prefill(query: Pick<URLSearchParams, 'get'>): Invitation {
  return (
    invitationFromQuery(query) ?? {
      address: query.get('address')?.trim() ?? '',
      passCode: query.get('code')?.replace(/\s/g, '') ?? '',
    }
  );
}

export default function ConnectPage() {
  const t = useTranslations('connect');
  const { text: errorsText } = useErrorText();
  const router = useRouter();
  const client = useQueryClient();
  const query = useSearchParams();
  const [address, setAddress] = useState(() => prefill(query).address);
  const [passCode, setPassCode] = useState(() => prefill(query).passCode);
  const [touched, setTouched] = useState({ address: false, passCode: false });
  const [scanning, setScanning] = useState(false);
  const [filledFrom, setFilledFrom] = useState<'paste' | 'scan' | null>(null);
  const errors = useFieldErrors(connectRequestSchema, { address, passCode: passCode.replace(/\s/g, '') });
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

  function fill(invitation: Invitation, from: 'paste' | 'scan') {
    setAddress(invitation.address);
    setPassCode(invitation.passCode);
    setTouched({ address: true, passCode: true });
    setFilledFrom(from);
    connect.reset();
  }

  /** The share text or a link pasted into either field fills both; anything else pastes as usual. */
  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const invitation = parseInvitation(event.clipboardData.getData('text'));
    if (!invitation) return;
    event.preventDefault();
    fill(invitation, 'paste');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched({ address: true, passCode: true });
    connect.reset(); // the last refusal no longer applies to what is entered now
    if (Object.keys(errors).length > 0) return;
    connect.mutate({ address: address.trim(), passCode: passCode.replace(/\s/g, '') });
  }

  const busy = connect.isPending || connect.isSuccess;
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-md px-4 py-8">
        <PageHeader title={t('title')}>{t('intro')}</PageHeader>
        <div className="mb-4">
          {scanning ? (
            <QrScanner
              onFound={(invitation) => {
                setScanning(false);
                fill(invitation, 'scan');
              }}
              onClose={() => setScanning(false)}
            />
          ) : (
            <Button variant="secondary" className="w-full" onClick={() => setScanning(true)}>
              {t('scan')}
            </Button>
          )}
        </div>
        <div className="mb-4">
          <QrImageReader
            onFound={(invitation) => {
              setScanning(false);
              fill(invitation, 'scan');
            }}
          />
        </div>
        <form onSubmit={submit} className="space-y-4" noValidate>
          {connect.error ? (
            <ConnectError error={connectErrorText(connect.error, connect.variables?.address ?? address, errorsText)} />
          ) : null}
          <p
            className="min-h-5 text-sm text-slate-600 dark:text-slate-400"
            aria-live="polite"
            data-testid="filled-from"
          >
            {filledFrom === 'scan' ? t('filledFromScan') : filledFrom === 'paste' ? t('filledFromPaste') : ''}
          </p>
          <TextField
            label={t('address')}
            name="address"
            placeholder={ADDRESS_EXAMPLE}
            dir="ltr"
            autoComplete="off"
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            onPaste={onPaste}
            onBlur={() => setTouched({ ...touched, address: true })}
            error={touched.address ? errors.address : null}
          />
          <TextField
            label={t('passCode')}
            name="passCode"
            inputMode="numeric"
            placeholder={PASS_CODE_EXAMPLE}
            dir="ltr"
            autoComplete="one-time-code"
            value={passCode}
            onChange={(event) => setPassCode(event.target.value)}
            onPaste={onPaste}
            onBlur={() => setTouched({ ...touched, passCode: true })}
            error={touched.passCode ? errors.passCode : null}
          />
          <Button type="submit" disabled={busy} className="w-full">
            {busy ? t('busy') : t('submit')}
          </Button>
        </form>
        <div className="mt-8 border-t border-slate-200 pt-4 dark:border-slate-800">
          <LinkHandlerButton />
        </div>
      </div>
    </div>
  );
}
