'use client';

import { type FormEvent, useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type Contact, type RouteResponse, type UpdateContactRequest } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api-client';
import { reconnectHref } from '@/lib/delivery-failure-text';
import { routeKey, routePrefix } from '@/lib/route-query';
import { richText } from '@/lib/rich-text';
import { useErrorText } from '@/lib/use-error-text';

export function ContactRow({ contact }: { contact: Contact }) {
  const t = useTranslations('contacts');
  const { errorLine } = useErrorText();
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
  const error = failed ? errorLine(failed, t('saveFailed')) : null;

  return (
    <li className="py-3" data-testid="contact">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-3">
          <Avatar name={contact.name} address={contact.address} />
          <div className="min-w-0">
            <p className="truncate font-medium">
              <bdi>{contact.name}</bdi>{' '}
              {contact.blocked ? (
                <span className="ms-1 rounded bg-red-100 px-1.5 text-xs text-red-700 dark:bg-red-950 dark:text-red-300">
                  {t('blocked')}
                </span>
              ) : null}
            </p>
            <p className="truncate text-xs text-slate-500 dark:text-slate-400">
              <bdi dir="ltr">{contact.address}</bdi>
              {contact.localName && contact.otherName ? (
                <>
                  {' · '}
                  {t.rich('callsThemselves', { name: contact.otherName, ...richText })}
                </>
              ) : null}
            </p>
            {contact.peerForgotAt ? (
              <p className="text-xs text-danger" data-testid="contact-forgotten">
                {t.rich('forgotten', { name: contact.name, ...richText })}{' '}
                <Link href={reconnectHref(contact.address)} className="font-medium underline">
                  {t('connectAgain')}
                </Link>
              </p>
            ) : null}
          </div>
        </div>
        <div className="flex gap-2">
          <Button variant="ghost" onClick={() => setRenaming(!renaming)}>
            {t('rename')}
          </Button>
          <Button variant="secondary" onClick={() => change({ blocked: !contact.blocked })}>
            {contact.blocked ? t('unblock') : t('block')}
          </Button>
          <Button variant="danger" onClick={() => setConfirmDelete(true)}>
            {t('delete')}
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
            label={t('localName', { address: contact.address })}
            hint={t('localNameHint')}
            className="flex-1"
            value={name}
            maxLength={40}
            onChange={(event) => setName(event.target.value)}
          />
          <Button type="submit" className="mb-5">
            {t('save')}
          </Button>
        </form>
      ) : null}
      {confirmDelete ? (
        <div
          className="mt-2 flex flex-wrap items-center gap-2 text-sm"
          role="alertdialog"
          aria-label={t('confirmDeleteLabel')}
          onKeyDown={(event) => event.key === 'Escape' && setConfirmDelete(false)}
        >
          <span>{t.rich('confirmDelete', { name: contact.name, ...richText })}</span>
          <Button variant="danger" onClick={() => remove.mutate()}>
            {t('deleteForGood')}
          </Button>
          {/* Focus goes to the safe choice: Enter right after "Delete" must not delete. */}
          <Button variant="ghost" onClick={() => setConfirmDelete(false)} autoFocus>
            {t('cancel')}
          </Button>
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
    </li>
  );
}
