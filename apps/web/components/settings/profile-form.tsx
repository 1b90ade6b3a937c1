'use client';

import { type FormEvent, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type UpdateProfileRequest, updateProfileRequestSchema } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { errorLine } from '@/lib/error-text';
import { fieldErrors } from '@/lib/field-errors';
import { useInbox } from '@/lib/inbox-context';
import { routeKey } from '@/lib/route-query';

export function ProfileForm() {
  const client = useQueryClient();
  const { me } = useInbox();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [allowReplies, setAllowReplies] = useState(me.allowReplies);
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const errors = fieldErrors(updateProfileRequestSchema, { displayName });

  const update = useMutation({
    mutationFn: (body: UpdateProfileRequest) => callApi(apiRoutes.updateMe, { body }),
    onSuccess: (saved) => {
      client.setQueryData(routeKey(apiRoutes.me), saved);
      setStatus({ kind: 'success', text: 'Saved. Contacts see your new name with your next message.' });
    },
    onError: (caught) => setStatus({ kind: 'error', text: errorLine(caught, 'could not save') }),
  });

  function save(event: FormEvent) {
    event.preventDefault();
    update.mutate({ displayName, allowReplies });
  }

  return (
    <form onSubmit={save} className="space-y-4" aria-labelledby="profile-title">
      <h2 id="profile-title" className="font-semibold">
        Profile
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Your address: <span className="font-medium">{me.address}</span>
      </p>
      <TextField
        label="Display name"
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
          Allow replies
          <span className="block text-xs text-slate-500 dark:text-slate-400">
            Off makes this a no-reply address (for a shop sending updates): new contacts cannot write to you.
          </span>
        </span>
      </label>
      {status ? <Alert kind={status.kind}>{status.text}</Alert> : null}
      <Button type="submit" disabled={Boolean(errors.displayName)}>
        Save profile
      </Button>
    </form>
  );
}
