'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MessageView, Page } from '@openmsg/core/api';
import { api, ApiError } from '@/lib/api-client';
import { useInbox } from '@/lib/inbox-context';

const PAGE_SIZE = 50;

const byTime = (a: MessageView, b: MessageView) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** `incoming` added to `current` (oldest first); on the same id, `prefer` says whose copy is kept. */
function merge(current: MessageView[], incoming: MessageView[], prefer: 'current' | 'incoming'): MessageView[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) {
    if (prefer === 'incoming' || !byId.has(message.id)) byId.set(message.id, message);
  }
  return [...byId.values()].sort(byTime);
}

interface Options {
  /** Called when the newest messages were loaded and on each new incoming message. */
  onIncoming: (message: MessageView | null) => void;
}

/** The messages of one conversation, oldest first: the newest page, older pages on demand, live updates. */
export function useThreadMessages(contactId: string, { onIncoming }: Options) {
  const { onEvent } = useInbox();
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = useRef<MessageView[]>([]);
  const incoming = useRef(onIncoming);
  useLayoutEffect(() => {
    shown.current = messages;
    incoming.current = onIncoming;
  });

  const newestPage = useCallback(() => api<Page<MessageView>>('GET', `/conversations/${contactId}/messages?limit=${PAGE_SIZE}`), [contactId]);

  useEffect(() => {
    let current = true;
    newestPage().then(
      (page) => {
        if (!current) return;
        // Live events may have come in while the page loaded: they are newer, keep them.
        setMessages((live) => merge(live, page.items, 'current'));
        setOlderCursor(page.nextCursor);
        setLoaded(true);
        incoming.current(null);
      },
      (caught: unknown) => current && setError(caught instanceof ApiError ? caught.message : 'could not load the conversation'),
    );
    return () => {
      current = false;
    };
  }, [newestPage]);

  /** After the live stream was lost: the newest page replaces what it covers; a gap wider than a page starts over. */
  const resync = useCallback(async () => {
    const page = await newestPage();
    const known = new Set(shown.current.map((message) => message.id));
    if (known.size === 0 || page.items.some((message) => known.has(message.id))) {
      setMessages((current) => merge(current, page.items, 'incoming'));
    } else {
      setMessages([...page.items].sort(byTime));
      setOlderCursor(page.nextCursor);
    }
    incoming.current(null);
  }, [newestPage]);

  useEffect(
    () =>
      onEvent((signal) => {
        if (signal.type === 'resync') void resync().catch(() => undefined);
        if ((signal.type === 'message.created' || signal.type === 'message.updated') && signal.message.contactId === contactId) {
          setMessages((current) => merge(current, [signal.message], 'incoming'));
          if (signal.type === 'message.created' && signal.message.direction === 'in') incoming.current(signal.message);
        }
        if (signal.type === 'message.deleted' && signal.contactId === contactId) setMessages((current) => current.filter((message) => message.id !== signal.messageId));
      }),
    [contactId, onEvent, resync],
  );

  const loadOlder = useCallback(async () => {
    if (!olderCursor) return;
    try {
      const page = await api<Page<MessageView>>('GET', `/conversations/${contactId}/messages?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(olderCursor)}`);
      setMessages((current) => merge(current, page.items, 'current'));
      setOlderCursor(page.nextCursor);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'could not load older messages');
    }
  }, [contactId, olderCursor]);

  /**
   * An API answer may arrive after a live event about the same message (the delivery can be faster
   * than the answer to the send): it only fills in what no event has updated yet.
   */
  const applyAnswer = useCallback((message: MessageView, replacing?: MessageView['state']) => {
    setMessages((current) => {
      const existing = current.find((candidate) => candidate.id === message.id);
      if (existing && (replacing === undefined || existing.state !== replacing)) return current;
      return merge(current, [message], 'incoming');
    });
  }, []);

  return { messages, hasOlder: olderCursor !== null, loadOlder, loaded, error, setError, applyAnswer };
}
