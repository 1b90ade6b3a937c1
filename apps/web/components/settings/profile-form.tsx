'use client';

import { type FormEvent, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes, type UpdateProfileRequest, updateProfileRequestSchema } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ShareAddressButton } from '@/components/share/share-address-button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { useFieldErrors } from '@/lib/field-errors';
import { useInbox } from '@/lib/inbox-context';
import { routeKey } from '@/lib/route-query';
import { richText } from '@/lib/rich-text';
import { useErrorText } from '@/lib/use-error-text';

export function ProfileForm() {
  const t = useTranslations('settings.profile');
  const { errorLine } = useErrorText();
  const client = useQueryClient();
  const { me } = useInbox();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [allowReplies, setAllowReplies] = useState(me.allowReplies);
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const errors = useFieldErrors(updateProfileRequestSchema, { displayName });

  const update = useMutation({
    mutationFn: (body: UpdateProfileRequest) => callApi(apiRoutes.updateMe, { body }),
    onSuccess: (saved) => {
      client.setQueryData(routeKey(apiRoutes.me), saved);
      setStatus({ kind: 'success', text: t('saved') });
    },
    onError: (caught) => setStatus({ kind: 'error', text: errorLine(caught, t('failed')) }),
  });

  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate({ displayName, allowReplies });
  }

  return (
    <form onSubmit={save} className="space-y-4" aria-labelledby="profile-title">
      <h2 id="profile-title" className="font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t.rich('yourAddress', { address: me.address, ...richText })}
      </p>
      <ShareAddressButton address={me.address} />
      <TextField
        label={t('displayName')}
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        error={errors.displayName}
      />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={allowReplies}
          onChange={(event) => setAllowReplies(event.target.checked)}
        />
        <span>
          {t('allowReplies')}
          <span className="block text-xs text-slate-500 dark:text-slate-400">{t('allowRepliesHint')}</span>
        </span>
      </label>
      {status ? <Alert kind={status.kind}>{status.text}</Alert> : null}
      <Button type="submit" disabled={Boolean(errors.displayName)}>
        {t('save')}
      </Button>
    </form>
  );
}
