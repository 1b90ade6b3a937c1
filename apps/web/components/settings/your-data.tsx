'use client';

import { type FormEvent, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { apiRoutes, routeUrl } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { useInbox } from '@/lib/inbox-context';
import { richText } from '@/lib/rich-text';
import { useErrorText } from '@/lib/use-error-text';

const DOWNLOAD_LINK =
  'inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800';

/** Download everything (a JSON file the node streams, or a zip with the files too) and delete the account, with the password and a confirmation. */
export function YourData() {
  const t = useTranslations('settings.yourData');
  const { errorLine } = useErrorText();
  const { me, node } = useInbox();
  const router = useRouter();
  const client = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const remove = useMutation({
    mutationFn: () => callApi(apiRoutes.deleteMe, { body: { password } }),
    onSuccess: () => {
      client.clear();
      router.replace('/sign-in');
    },
    onError: (caught) => setError(errorLine(caught, t('failed'))),
  });

  function confirm(event: FormEvent) {
    event.preventDefault();
    setError(null);
    remove.mutate();
  }

  function close() {
    dialog.current?.close();
    setPassword('');
    setError(null);
  }

  return (
    <section className="space-y-3" aria-labelledby="your-data-title">
      <h2 id="your-data-title" className="font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">{node.files ? t('explainWithFiles') : t('explain')}</p>
      <div className="flex flex-wrap gap-2">
        <a href={routeUrl(apiRoutes.exportMyData)} download className={DOWNLOAD_LINK}>
          {t('download')}
        </a>
        {node.files ? (
          <a href={routeUrl(apiRoutes.exportMyDataZip)} download className={DOWNLOAD_LINK}>
            {t('downloadZip')}
          </a>
        ) : null}
      </div>
      <p className="pt-2 text-sm text-slate-600 dark:text-slate-300">
        {t.rich('deleteExplain', { address: me.address, ...richText })}
      </p>
      <Button variant="danger" onClick={() => dialog.current?.showModal()}>
        {t('deleteOpen')}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-account-title"
        onClose={close}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <form onSubmit={confirm} className="space-y-4 p-5">
          <h3 id="delete-account-title" className="text-lg font-semibold">
            {t('deleteTitle')}
          </h3>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {t.rich('deleteWarning', { address: me.address, ...richText })}
          </p>
          <TextField
            label={t('password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoFocus
          />
          {error ? <Alert>{error}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="ghost" onClick={close}>
              {t('cancel')}
            </Button>
            <Button type="submit" variant="danger" disabled={!password || remove.isPending}>
              {remove.isPending ? t('deleting') : t('deleteConfirm')}
            </Button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
