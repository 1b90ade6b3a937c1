'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type AdminAccount, apiRoutes, type ResetPasswordResult } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { callApi } from '@/lib/api-client';
import { errorLine } from '@/lib/error-text';
import { shortTime } from '@/lib/format-time';
import { routePrefix } from '@/lib/route-query';

/** One account in the console, with disable/enable, reset password (shown once) and delete (after a confirmation). */
export function AccountRow({ account, isMe }: { account: AdminAccount; isMe: boolean }) {
  const client = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [reset, setReset] = useState<ResetPasswordResult | null>(null);
  const params = { addressId: account.addressId };
  const changed = () =>
    Promise.all(
      [
        routePrefix(apiRoutes.adminAccounts),
        routePrefix(apiRoutes.adminAudit),
        routePrefix(apiRoutes.adminOverview),
      ].map((key) => client.invalidateQueries({ queryKey: key })),
    );
  const toggle = useMutation({
    mutationFn: () =>
      callApi(account.disabledAt ? apiRoutes.adminEnableAccount : apiRoutes.adminDisableAccount, { params }),
    onSuccess: changed,
  });
  const resetPassword = useMutation({
    mutationFn: () => callApi(apiRoutes.adminResetPassword, { params }),
    onSuccess: (result) => (setReset(result), changed()),
  });
  const remove = useMutation({
    mutationFn: () => callApi(apiRoutes.adminDeleteAccount, { params }),
    onSuccess: changed,
  });
  const failed = toggle.error ?? resetPassword.error ?? remove.error;

  return (
    <li className="py-3" data-testid="admin-account">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium">
            {account.displayName}
            {account.role === 'admin' ? (
              <span className="ml-2 rounded bg-brand-50 px-1.5 text-xs text-brand-700 dark:bg-slate-800 dark:text-slate-200">
                admin
              </span>
            ) : null}
            {account.disabledAt ? (
              <span className="ml-2 rounded bg-red-100 px-1.5 text-xs text-red-700 dark:bg-red-950 dark:text-red-300">
                disabled
              </span>
            ) : null}
          </p>
          <p className="truncate text-xs text-slate-600 dark:text-slate-400">
            {account.address} · since {shortTime(account.createdAt)}
          </p>
        </div>
        {isMe ? (
          <span className="text-xs text-slate-600 dark:text-slate-400">you (change yourself in Settings)</span>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              onClick={() => toggle.mutate()}
              aria-label={`${account.disabledAt ? 'Enable' : 'Disable'} ${account.address}`}
            >
              {account.disabledAt ? 'Enable' : 'Disable'}
            </Button>
            <Button
              variant="secondary"
              onClick={() => resetPassword.mutate()}
              aria-label={`Reset password of ${account.address}`}
            >
              Reset password
            </Button>
            <Button variant="danger" onClick={() => setConfirmDelete(true)} aria-label={`Delete ${account.address}`}>
              Delete
            </Button>
          </div>
        )}
      </div>
      {confirmDelete ? (
        <div
          className="mt-2 flex flex-wrap items-center gap-2 text-sm"
          role="alertdialog"
          aria-label="Confirm delete"
          onKeyDown={(event) => event.key === 'Escape' && setConfirmDelete(false)}
        >
          <span>Delete {account.address} with all its contacts and messages? The number stays reserved.</span>
          <Button variant="danger" onClick={() => remove.mutate()}>
            Delete for good
          </Button>
          <Button variant="ghost" onClick={() => setConfirmDelete(false)} autoFocus>
            Cancel
          </Button>
        </div>
      ) : null}
      {reset ? (
        <div className="mt-2">
          <Alert kind="success">
            New password for {reset.address}, shown only now:{' '}
            <code className="break-all" data-testid="new-password">
              {reset.password}
            </code>
            . They were signed out everywhere
            {reset.revokedTokens > 0 ? ` and ${reset.revokedTokens} access token(s) were revoked` : ''}.
          </Alert>
        </div>
      ) : null}
      {failed ? (
        <div className="mt-2">
          <Alert>{errorLine(failed, 'could not change the account')}</Alert>
        </div>
      ) : null}
    </li>
  );
}
