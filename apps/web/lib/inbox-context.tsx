'use client';

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { Conversation, Me, NodeInfo, Page, StreamEvent } from '@openmsg/core/api';
import { api, ApiError } from './api-client';

type Listener = (event: StreamEvent) => void;

interface Inbox {
  me: Me;
  node: NodeInfo;
  conversations: Conversation[] | null;
  unreadTotal: number;
  refreshConversations: () => Promise<void>;
  setMe: (me: Me) => void;
  /** Live events from the node (Server-Sent Events); returns the unsubscribe function. */
  onEvent: (listener: Listener) => () => void;
  live: boolean;
}

const InboxContext = createContext<Inbox | null>(null);

export function useInbox(): Inbox {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useInbox outside the inbox');
  return inbox;
}

const STREAM_EVENTS: StreamEvent['type'][] = ['message.created', 'message.updated', 'message.deleted', 'conversation.read', 'contact.updated', 'contact.deleted'];

/** The signed-in user's session: who they are, their conversations, and the live event stream. */
export function InboxProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [me, setMe] = useState<Me | null>(null);
  const [node, setNode] = useState<NodeInfo | null>(null);
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [live, setLive] = useState(false);
  const listeners = useRef(new Set<Listener>());

  const refreshConversations = useCallback(async () => {
    const page = await api<Page<Conversation>>('GET', '/conversations?limit=100');
    setConversations(page.items);
  }, []);

  useEffect(() => {
    Promise.all([api<Me>('GET', '/me'), api<NodeInfo>('GET', '/node')])
      .then(([signedIn, info]) => {
        setMe(signedIn);
        setNode(info);
        return refreshConversations();
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) router.replace('/sign-in');
      });
  }, [refreshConversations, router]);

  useEffect(() => {
    if (!me) return;
    const source = new EventSource('/api/v1/events');
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false); // EventSource reconnects by itself
    const dispatch = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as StreamEvent;
      void refreshConversations().catch(() => undefined);
      for (const listener of listeners.current) listener(event);
    };
    for (const type of STREAM_EVENTS) source.addEventListener(type, dispatch as EventListener);
    return () => source.close();
  }, [me, refreshConversations]);

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
    <InboxContext.Provider value={{ me, node, conversations, unreadTotal, refreshConversations, setMe, onEvent, live }}>{children}</InboxContext.Provider>
  );
}
