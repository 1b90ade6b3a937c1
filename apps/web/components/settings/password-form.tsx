'use client';

import { type FormEvent, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  apiRoutes,
  type ChangePasswordRequest,
  changePasswordRequestSchema,
  MIN_PASSWORD_LENGTH,
} from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { useFieldErrors } from '@/lib/field-errors';
import { routePrefix } from '@/lib/route-query';
import { useErrorText } from '@/lib/use-error-text';

/** A new password signs the other sessions out and revokes every access token (the token list loads again). */
export function PasswordForm() {
  const t = useTranslations('settings.password');
  const { errorLine } = useErrorText();
  const client = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const checked = useFieldErrors(changePasswordRequestSchema, { currentPassword: currentPassword || 'x', newPassword });
  const errors = newPassword ? checked : {};

  const change = useMutation({
    mutationFn: (body: ChangePasswordRequest) => callApi(apiRoutes.changePassword, { body }),
    onSuccess: ({ revokedTokens }) => {
      setCurrent('');
      setNew('');
      setStatus({ kind: 'success', text: t('changed', { tokens: revokedTokens }) });
      return client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listTokens) });
    },
    onError: (caught) => setStatus({ kind: 'error', text: errorLine(caught, t('failed')) }),
  });

  function save(event: FormEvent) {
    event.preventDefault();
    if (change.isPending) return;
    setStatus(null); // the last answer's sentence goes: it no longer says anything about this try
    change.mutate({ currentPassword, newPassword });
  }

  return (
    <form onSubmit={save} className="space-y-4" aria-labelledby="password-title">
      <h2 id="password-title" className="font-semibold">
        {t('title')}
      </h2>
      <TextField
        label={t('current')}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(event) => setCurrent(event.target.value)}
      />
      <TextField
        label={t('new')}
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={(event) => setNew(event.target.value)}
        error={errors.newPassword}
        hint={t('hint', { min: MIN_PASSWORD_LENGTH })}
      />
      {status ? <Alert kind={status.kind}>{status.text}</Alert> : null}
      <Button
        type="submit"
        disabled={change.isPending || !currentPassword || !newPassword || Boolean(errors.newPassword)}
        aria-busy={change.isPending}
      >
        {change.isPending ? t('busy') : t('submit')}
      </Button>
    </form>
  );
}
