'use client';

import { type FormEvent, useState } from 'react';
import { type ChangePasswordResponse, changePasswordRequestSchema } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api, ApiError } from '@/lib/api-client';
import { fieldErrors } from '@/lib/field-errors';

/** A new password signs the other sessions out and revokes every access token (`onChanged` lets the token list reload). */
export function PasswordForm({ onChanged }: { onChanged?: () => void }) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const errors = newPassword ? fieldErrors(changePasswordRequestSchema, { currentPassword: currentPassword || 'x', newPassword }) : {};

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      const { revokedTokens } = await api<ChangePasswordResponse>('POST', '/me/password', { currentPassword, newPassword });
      setCurrent('');
      setNew('');
      const tokens = revokedTokens === 0 ? '' : ` and your ${revokedTokens === 1 ? 'access token was' : `${revokedTokens} access tokens were`} revoked: create new ones for your scripts`;
      setStatus({ kind: 'success', text: `Password changed. Your other sessions were signed out${tokens}.` });
      onChanged?.();
    } catch (caught) {
      setStatus({ kind: 'error', text: caught instanceof ApiError ? caught.message : 'could not change the password' });
    }
  }

  return (
    <form onSubmit={save} className="space-y-4" aria-labelledby="password-title">
      <h2 id="password-title" className="font-semibold">
        Password
      </h2>
      <TextField label="Current password" type="password" autoComplete="current-password" value={currentPassword} onChange={(event) => setCurrent(event.target.value)} />
      <TextField label="New password" type="password" autoComplete="new-password" value={newPassword} onChange={(event) => setNew(event.target.value)} error={errors.newPassword} hint="At least 10 characters. Changing it signs out your other sessions and revokes your access tokens." />
      {status ? <Alert kind={status.kind}>{status.text}</Alert> : null}
      <Button type="submit" disabled={!currentPassword || !newPassword || Boolean(errors.newPassword)}>
        Change password
      </Button>
    </form>
  );
}
