'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { usePathname, useRouter } from 'next/navigation';
import { apiRoutes } from '@openmsg/core/api';
import { useInbox } from '@/lib/inbox-context';
import { setNotificationsWanted } from '@/lib/notifications';
import {
  currentSubscription,
  fetchPushKey,
  pluralTemplates,
  pushSupported,
  subscribePush,
  writePushStrings,
} from '@/lib/push';
import { promptState, setPromptState } from '@/lib/push-prompt';
import { useConversations } from '@/lib/queries';
import { routeKey } from '@/lib/route-query';
import { Button } from '@/components/ui/button';

/** The node's push key, once per page load (a node switches push on or off only with a restart). */
export function usePushKey() {
  return useQuery({
    queryKey: routeKey(apiRoutes.pushKey),
    queryFn: fetchPushKey,
    staleTime: Infinity,
    retry: false,
  });
}

/** Keeps the worker's notification strings in the page's language (public/sw/push.js reads them). */
function useWorkerStrings() {
  const t = useTranslations('push.worker');
  const locale = useLocale();
  useEffect(() => {
    if (!pushSupported()) return;
    void writePushStrings({
      locale,
      newMessage: t('newMessage'),
      files: pluralTemplates(locale, (count) => t('files', { count })),
      messages: pluralTemplates(locale, (count) => t('messages', { count })),
    });
  }, [locale, t]);
}

/** A click on a push notification asks this window to open the conversation (public/sw/push.js). */
function useOpenFromNotification() {
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; conversationId?: unknown } | null;
      if (data?.type !== 'openmsg:open-conversation' || typeof data.conversationId !== 'string') return;
      const href = `/c/${encodeURIComponent(data.conversationId)}`;
      // On the conversations' pages the thread switches in place, as a click in the list does.
      if (pathname === '/' || pathname.startsWith('/c/')) window.history.pushState(null, '', href);
      else router.push(href);
      // The worker navigates the window itself when no answer comes (a page still loading).
      event.ports[0]?.postMessage('opened');
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, [pathname, router]);
}

type Asking = 'hidden' | 'asking' | 'denied' | 'failed';

/**
 * Asks once, after a message sent in this visit (never on a first visit), whether to get notified
 * when the inbox is closed; only where this browser can and the node sends pushes. "Sent" is read from
 * the conversation list: a conversation whose last message is one of ours that was not there on load.
 */
function usePromptDue(accountId: string): [boolean, () => void] {
  const conversations = useConversations().data;
  const [due, setDue] = useState(() => promptState(accountId) === 'due');
  const sentBefore = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!conversations) return;
    const sent = conversations.flatMap((conversation) =>
      conversation.lastMessage?.direction === 'out' ? [conversation.lastMessage.id] : [],
    );
    if (sentBefore.current === null) {
      sentBefore.current = new Set(sent);
      return;
    }
    const before = sentBefore.current;
    if (!sent.some((id) => !before.has(id)) || promptState(accountId) !== 'not-yet') return;
    setPromptState(accountId, 'due');
    setDue(true);
  }, [accountId, conversations]);
  return [due, useCallback(() => setDue(false), [])];
}

export function PushSetup() {
  const t = useTranslations('push.prompt');
  const { me } = useInbox();
  useWorkerStrings();
  useOpenFromNotification();
  const key = usePushKey();
  const [due, settle] = usePromptDue(me.id);
  const [asking, setAsking] = useState<Asking>('hidden');

  useEffect(() => {
    if (!due || !key.data?.enabled || !pushSupported() || Notification.permission === 'denied') return;
    let cancelled = false;
    void currentSubscription().then((subscription) => {
      if (cancelled) return;
      if (subscription) {
        setPromptState(me.id, 'answered');
        settle();
      } else setAsking('asking');
    });
    return () => {
      cancelled = true;
    };
  }, [due, key.data?.enabled, me.id, settle]);

  if (asking === 'hidden') return null;

  const close = () => {
    setPromptState(me.id, 'answered');
    settle();
    setAsking('hidden');
  };
  const enable = async () => {
    setPromptState(me.id, 'answered');
    const outcome = await subscribePush(false);
    if (outcome === 'subscribed') {
      setNotificationsWanted(me.id, true);
      close();
    } else setAsking(outcome === 'denied' ? 'denied' : 'failed');
  };

  return (
    <section
      aria-label={t('label')}
      data-testid="push-prompt"
      className="border-b border-brand-100 bg-brand-50 px-4 py-2 text-sm text-brand-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2">
        {asking === 'asking' ? (
          <>
            <p>{t('question')}</p>
            <div className="flex gap-2">
              <Button className="px-3 py-1.5" onClick={() => void enable()}>
                {t('enable')}
              </Button>
              <Button variant="secondary" className="px-3 py-1.5" onClick={close}>
                {t('notNow')}
              </Button>
            </div>
          </>
        ) : (
          <>
            <p role="status">{asking === 'denied' ? t('denied') : t('failed')}</p>
            <Button variant="secondary" className="px-3 py-1.5" onClick={close}>
              {t('close')}
            </Button>
          </>
        )}
      </div>
    </section>
  );
}
