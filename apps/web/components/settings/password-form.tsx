'use client';

import { type FormEvent, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type ChangePasswordRequest, changePasswordRequestSchema } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { errorLine } from '@/lib/error-text';
import { fieldErrors } from '@/lib/field-errors';
import { routePrefix } from '@/lib/route-query';

/** A new password signs the other sessions out and revokes every access token (the token list loads again). */
export function PasswordForm() {
  const client = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const errors = newPassword
    ? fieldErrors(changePasswordRequestSchema, { currentPassword: currentPassword || 'x', newPassword })
    : {};

  const change = useMutation({
    mutationFn: (body: ChangePasswordRequest) => callApi(apiRoutes.changePassword, { body }),
    onSuccess: ({ revokedTokens }) => {
      setCurrent('');
      setNew('');
      const tokens =
        revokedTokens === 0
          ? ''
          : ` and your ${revokedTokens === 1 ? 'access token was' : `${revokedTokens} access tokens were`} revoked: create new ones for your scripts`;
      setStatus({ kind: 'success', text: `Password changed. Your other sessions were signed out${tokens}.` });
      return client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listTokens) });
    },
    onError: (caught) => setStatus({ kind: 'error', text: errorLine(caught, 'could not change the password') }),
  });

  function save(event: FormEvent) {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword });
  }

  return (
    <form onSubmit={save} className="space-y-4" aria-labelledby="password-title">
      <h2 id="password-title" className="font-semibold">
        Password
      </h2>
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(event) => setCurrent(event.target.value)}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={(event) => setNew(event.target.value)}
        error={errors.newPassword}
        hint="At least 10 characters. Changing it signs out your other sessions and revokes your access tokens."
      />
      {status ? <Alert kind={status.kind}>{status.text}</Alert> : null}
      <Button type="submit" disabled={!currentPassword || !newPassword || Boolean(errors.newPassword)}>
        Change password
      </Button>
    </form>
  );
}
