'use client';

import { type FormEvent, useState } from 'react';
import Link from 'next/link';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type Contact, type RouteResponse, type UpdateContactRequest } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { reconnectHref } from '@/lib/delivery-failure-text';
import { errorLine } from '@/lib/error-text';
import { routeKey, routePrefix } from '@/lib/route-query';

export function ContactRow({ contact }: { contact: Contact }) {
  const client = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(contact.localName ?? '');
  const [confirmDelete, setConfirmDelete] = useState(false);
  // The conversation list shows the contact's name and whether it is blocked.
  const conversationsChanged = () => client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listConversations) });

  const update = useMutation({
    mutationFn: (body: UpdateContactRequest) => callApi(apiRoutes.updateContact, { params: { id: contact.id }, body }),
    onSuccess: (updated) => {
      setRenaming(false);
      client.setQueryData(
        routeKey(apiRoutes.listContacts),
        (list: RouteResponse<typeof apiRoutes.listContacts> | undefined) =>
          list && { items: list.items.map((item) => (item.id === updated.id ? updated : item)) },
      );
      return conversationsChanged();
    },
  });
  const remove = useMutation({
    mutationFn: () => callApi(apiRoutes.deleteContact, { params: { id: contact.id } }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: routePrefix(apiRoutes.listContacts) }),
        conversationsChanged(),
      ]),
  });
  const change = (body: UpdateContactRequest) => update.mutate(body);
  const failed = update.error ?? remove.error;
  const error = failed ? errorLine(failed, 'could not save') : null;

  return (
    <li className="py-3" data-testid="contact">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-3">
          <Avatar name={contact.name} address={contact.address} />
          <div className="min-w-0">
            <p className="truncate font-medium">
              {contact.name}{' '}
              {contact.blocked ? (
                <span className="ml-1 rounded bg-red-100 px-1.5 text-xs text-red-700 dark:bg-red-950 dark:text-red-300">
                  blocked
                </span>
              ) : null}
            </p>
            <p className="truncate text-xs text-slate-500 dark:text-slate-400">
              {contact.address}
              {contact.localName && contact.otherName ? ` · calls themselves ${contact.otherName}` : ''}
            </p>
            {contact.peerForgotAt ? (
              <p className="text-xs text-danger" data-testid="contact-forgotten">
                {contact.name} deleted this connection: your messages are refused.{' '}
                <Link href={reconnectHref(contact.address)} className="font-medium underline">
                  Connect again
                </Link>
              </p>
            ) : null}
          </div>
        </div>
        <div className="flex gap-2">
          <Button variant="ghost" onClick={() => setRenaming(!renaming)}>
            Rename
          </Button>
          <Button variant="secondary" onClick={() => change({ blocked: !contact.blocked })}>
            {contact.blocked ? 'Unblock' : 'Block'}
          </Button>
          <Button variant="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        </div>
      </div>
      {renaming ? (
        <form
          className="mt-2 flex items-end gap-2"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            change({ localName: name.trim() || null });
          }}
        >
          <TextField
            label={`Your name for ${contact.address}`}
            hint="Leave empty to use the name they chose."
            className="flex-1"
            value={name}
            maxLength={40}
            onChange={(event) => setName(event.target.value)}
          />
          <Button type="submit" className="mb-5">
            Save
          </Button>
        </form>
      ) : null}
      {confirmDelete ? (
        <div
          className="mt-2 flex flex-wrap items-center gap-2 text-sm"
          role="alertdialog"
          aria-label="Confirm delete"
          onKeyDown={(event) => event.key === 'Escape' && setConfirmDelete(false)}
        >
          <span>Delete {contact.name} and your whole conversation? Reconnecting needs a new pass code.</span>
          <Button variant="danger" onClick={() => remove.mutate()}>
            Delete for good
          </Button>
          {/* Focus goes to the safe choice: Enter right after "Delete" must not delete. */}
          <Button variant="ghost" onClick={() => setConfirmDelete(false)} autoFocus>
            Cancel
          </Button>
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
    </li>
  );
}
