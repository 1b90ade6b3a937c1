'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes, type Conversation } from '@openmsg/core/api';
import { BellIcon, BellOffIcon } from '@/components/ui/icons';
import { callApi } from '@/lib/api-client';
import { conversationsQuery, type Pages } from '@/lib/queries';
import { routePrefix } from '@/lib/route-query';

/** Mutes or unmutes push notifications for one conversation (the thread's header); the list shows a muted icon. */
export function MuteToggle({ conversation }: { conversation: Conversation }) {
  const t = useTranslations('push.mute');
  const client = useQueryClient();
  const [announcement, setAnnouncement] = useState('');
  const muted = conversation.muted === true;
  const mutation = useMutation({
    networkMode: 'always',
    mutationFn: (next: boolean) =>
      callApi(apiRoutes.muteConversation, { params: { conversationId: conversation.id }, body: { muted: next } }),
    onSuccess: ({ muted: now }) => {
      const patch = (item: Conversation) => (item.id === conversation.id ? { ...item, muted: now } : item);
      client.setQueryData<Pages<Conversation>>(conversationsQuery().queryKey, (data) =>
        data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(patch) })) } : data,
      );
      client.setQueriesData<Conversation>(
        { queryKey: routePrefix(apiRoutes.getConversation, { conversationId: conversation.id }) },
        (data) => (data ? patch(data) : data),
      );
      setAnnouncement(now ? t('mutedNow') : t('unmutedNow'));
    },
    onError: () => setAnnouncement(t('failed')),
  });
  const Icon = muted ? BellOffIcon : BellIcon;
  return (
    <>
      <button
        type="button"
        onClick={() => mutation.mutate(!muted)}
        disabled={mutation.isPending}
        title={muted ? t('unmuteHint') : t('muteHint')}
        data-testid="mute-toggle"
        className="ms-auto inline-flex shrink-0 items-center gap-1.5 rounded-lg px-2 py-1.5 text-sm text-accent hover:bg-slate-100 disabled:opacity-60 dark:hover:bg-slate-800"
      >
        <Icon className="size-4" />
        <span>{muted ? t('unmute') : t('mute')}</span>
      </button>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

/** The conversation list's sign that a conversation is muted. */
export function MutedMark() {
  const t = useTranslations('push.mute');
  return (
    <span className="inline-flex shrink-0 text-ink-muted" data-testid="muted-mark" title={t('muted')}>
      <BellOffIcon className="size-3.5" />
      <span className="sr-only">{t('muted')}</span>
    </span>
  );
}
