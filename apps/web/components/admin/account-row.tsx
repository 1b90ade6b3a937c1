'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type AdminAccount, apiRoutes, type ResetPasswordResult } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { callApi } from '@/lib/api-client';
import { routePrefix } from '@/lib/route-query';
import { useErrorText } from '@/lib/use-error-text';
import { richText } from '@/lib/rich-text';
import { useTimeFormat } from '@/lib/use-time-format';

/** One account in the console, with disable/enable, reset password (shown once) and delete (after a confirmation). */
export function AccountRow({ account, isMe }: { account: AdminAccount; isMe: boolean }) {
  const t = useTranslations('admin.account');
  const { errorLine } = useErrorText();
  const { shortTime } = useTimeFormat();
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
            <bdi>{account.displayName}</bdi>
            {account.role === 'admin' ? (
              <span className="ms-2 rounded bg-brand-50 px-1.5 text-xs text-brand-700 dark:bg-slate-800 dark:text-slate-200">
                {t('admin')}
              </span>
            ) : null}
            {account.disabledAt ? (
              <span className="ms-2 rounded bg-red-100 px-1.5 text-xs text-red-700 dark:bg-red-950 dark:text-red-300">
                {t('disabled')}
              </span>
            ) : null}
          </p>
          <p className="truncate text-xs text-slate-600 dark:text-slate-400">
            <bdi dir="ltr">{account.address}</bdi> · {t('since', { time: shortTime(account.createdAt) })}
          </p>
        </div>
        {isMe ? (
          <span className="text-xs text-slate-600 dark:text-slate-400">{t('you')}</span>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              onClick={() => toggle.mutate()}
              aria-label={
                account.disabledAt
                  ? t('enableLabel', { address: account.address })
                  : t('disableLabel', { address: account.address })
              }
            >
              {account.disabledAt ? t('enable') : t('disable')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => resetPassword.mutate()}
              aria-label={t('resetLabel', { address: account.address })}
            >
              {t('reset')}
            </Button>
            <Button
              variant="danger"
              onClick={() => setConfirmDelete(true)}
              aria-label={t('deleteLabel', { address: account.address })}
            >
              {t('delete')}
            </Button>
          </div>
        )}
      </div>
      {confirmDelete ? (
        <div
          className="mt-2 flex flex-wrap items-center gap-2 text-sm"
          role="alertdialog"
          aria-label={t('confirmDeleteLabel')}
          onKeyDown={(event) => event.key === 'Escape' && setConfirmDelete(false)}
        >
          <span>{t.rich('confirmDelete', { address: account.address, ...richText })}</span>
          <Button variant="danger" onClick={() => remove.mutate()}>
            {t('deleteForGood')}
          </Button>
          <Button variant="ghost" onClick={() => setConfirmDelete(false)} autoFocus>
            {t('cancel')}
          </Button>
        </div>
      ) : null}
      {reset ? (
        <div className="mt-2">
          <Alert kind="success">
            {t.rich('newPassword', { address: reset.address, ...richText })}{' '}
            <code className="break-all" dir="ltr" data-testid="new-password">
              {reset.password}
            </code>{' '}
            {t('signedOut', { tokens: reset.revokedTokens })}
          </Alert>
        </div>
      ) : null}
      {failed ? (
        <div className="mt-2">
          <Alert>{errorLine(failed, t('failed'))}</Alert>
        </div>
      ) : null}
    </li>
  );
}
