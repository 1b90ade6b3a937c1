'use client';

import { createContext, type ReactNode, useCallback, useContext, useRef } from 'react';
import { useIsRestoring, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { Me, NodeInfo, StreamEvent } from '@openmsg/core/api';
import { useConversations, useMe, useNodeInfo } from './queries';
import { useMessageNotifications } from './notifications';
import { applyStreamEvent, resyncAfterGap } from './stream-cache';
import { type StreamStatus, useEventStream } from './use-event-stream';
import { useDocumentTitle } from './use-document-title';
import { useOnline } from './use-online';

type Listener = (event: StreamEvent) => void;

interface Inbox {
  me: Me;
  node: NodeInfo;
  /** Live events from the node, after they reached the cache; returns the unsubscribe function. */
  onEvent: (listener: Listener) => () => void;
  stream: StreamStatus;
}

const InboxContext = createContext<Inbox | null>(null);

export function useInbox(): Inbox {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useInbox outside the inbox');
  return inbox;
}

/** The signed-in user's session: who they are, the node, the live event stream feeding the cache, and the tab title's unread count. */
export function InboxProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const client = useQueryClient();
  const me = useMe();
  const node = useNodeInfo();
  const listeners = useRef(new Set<Listener>());

  const stream = useEventStream(me.data !== undefined, {
    onEvent: (event) => {
      applyStreamEvent(client, event);
      for (const listener of listeners.current) listener(event);
    },
    onResync: () => resyncAfterGap(client),
    onSignedOut: () => router.replace('/sign-in'),
  });

  const unreadTotal = useUnreadTotal();
  const tCommon = useTranslations('common');
  const tOffline = useTranslations('offline');
  const online = useOnline();
  const restoring = useIsRestoring();
  const appName = tCommon('appName');
  useDocumentTitle(unreadTotal > 0 ? `(${unreadTotal}) ${appName}` : appName);

  const onEvent = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const conversations = useConversations().data;
  useMessageNotifications({
    accountId: me.data?.id,
    subscribe: onEvent,
    senderName: (message) =>
      conversations?.find((conversation) => conversation.id === message.conversationId)?.contact.name ??
      message.otherAddress,
    open: (conversationId) => router.push(`/c/${conversationId}`),
    muted: (conversationId) =>
      conversations?.find((conversation) => conversation.id === conversationId)?.muted === true,
  });

  if (!me.data || !node.data) {
    // Offline with nothing saved (a first visit cut short, or saved data past its age): say so rather than load forever.
    const nothingSaved = !online && !restoring;
    return (
      <div className="flex min-h-dvh items-center justify-center p-6 text-center text-sm text-slate-500" role="status">
        <p className="max-w-md">{nothingSaved ? tOffline('nothingSaved') : tCommon('loading')}</p>
      </div>
    );
  }
  return (
    <InboxContext.Provider value={{ me: me.data, node: node.data, onEvent, stream }}>{children}</InboxContext.Provider>
  );
}

/** The unread messages over all loaded conversations (the header's badge). */
export function useUnreadTotal(): number {
  const { data } = useConversations();
  return (data ?? []).reduce((sum, conversation) => sum + conversation.unreadCount, 0);
}
