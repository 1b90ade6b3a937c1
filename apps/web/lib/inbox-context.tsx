'use client';

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { Conversation, Me, NodeInfo, Page, StreamEvent } from '@openmsg/core/api';
import { api, ApiError } from './api-client';
import { type StreamStatus, useEventStream } from './use-event-stream';

/** A live event, or `resync`: the stream was lost for a while, reload what is shown. */
export type InboxSignal = StreamEvent | { type: 'resync' };
type Listener = (signal: InboxSignal) => void;

interface Inbox {
  me: Me;
  node: NodeInfo;
  conversations: Conversation[] | null;
  /** More conversations than loaded exist (the list loads 100 at a time). */
  hasMoreConversations: boolean;
  showMoreConversations: () => Promise<void>;
  unreadTotal: number;
  refreshConversations: () => Promise<void>;
  setMe: (me: Me) => void;
  /** Live events from the node (Server-Sent Events); returns the unsubscribe function. */
  onEvent: (listener: Listener) => () => void;
  stream: StreamStatus;
}

const InboxContext = createContext<Inbox | null>(null);

export function useInbox(): Inbox {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useInbox outside the inbox');
  return inbox;
}

/** The signed-in user's session: who they are, their conversations, and the live event stream. */
export function InboxProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [me, setMe] = useState<Me | null>(null);
  const [node, setNode] = useState<NodeInfo | null>(null);
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [hasMoreConversations, setHasMore] = useState(false);
  const pagesShown = useRef(1);
  const listeners = useRef(new Set<Listener>());
  const refreshing = useRef<{ running: Promise<void>; again: boolean } | null>(null);

  /**
   * Loads the conversation list, as many pages as are shown; calls during a load coalesce into one
   * more load after it.
   */
  const refreshConversations = useCallback((): Promise<void> => {
    if (refreshing.current) {
      refreshing.current.again = true;
      return refreshing.current.running;
    }
    const run = async () => {
      try {
        do {
          if (refreshing.current) refreshing.current.again = false;
          const items: Conversation[] = [];
          let cursor: string | null = null;
          for (let shown = 0; shown < pagesShown.current; shown++) {
            const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
            const page: Page<Conversation> = await api<Page<Conversation>>('GET', `/conversations?limit=100${query}`);
            items.push(...page.items);
            cursor = page.nextCursor;
            if (!cursor) break;
          }
          setConversations(items);
          setHasMore(cursor !== null);
        } while (refreshing.current?.again);
      } finally {
        refreshing.current = null;
      }
    };
    const running = run();
    refreshing.current = { running, again: false };
    return running;
  }, []);

  const showMoreConversations = useCallback(() => {
    pagesShown.current += 1;
    return refreshConversations();
  }, [refreshConversations]);

  const signedOut = useCallback(() => router.replace('/sign-in'), [router]);

  useEffect(() => {
    Promise.all([api<Me>('GET', '/me'), api<NodeInfo>('GET', '/node')])
      .then(([signedIn, info]) => {
        setMe(signedIn);
        setNode(info);
        return refreshConversations();
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) signedOut();
      });
  }, [refreshConversations, signedOut]);

  const broadcast = useCallback(
    (signal: InboxSignal) => {
      void refreshConversations().catch(() => undefined);
      for (const listener of listeners.current) listener(signal);
    },
    [refreshConversations],
  );

  const stream = useEventStream(me !== null, {
    onEvent: broadcast,
    onResync: () => broadcast({ type: 'resync' }),
    onSignedOut: signedOut,
  });

  const unreadTotal = useMemo(() => (conversations ?? []).reduce((sum, conversation) => sum + conversation.unreadCount, 0), [conversations]);

  useEffect(() => {
    document.title = unreadTotal > 0 ? `(${unreadTotal}) Openmsg` : 'Openmsg';
  }, [unreadTotal]);

  const onEvent = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  if (!me || !node) {
    return (
      <div className="flex min-h-dvh items-center justify-center text-sm text-slate-500" role="status">
        Loading…
      </div>
    );
  }
  return (
    <InboxContext.Provider value={{ me, node, conversations, hasMoreConversations, showMoreConversations, unreadTotal, refreshConversations, setMe, onEvent, stream }}>{children}</InboxContext.Provider>
  );
}
