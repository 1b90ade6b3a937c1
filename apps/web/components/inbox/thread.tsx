'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import Link from 'next/link';
import type { Contact, MessageView, Page } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { api, ApiError } from '@/lib/api-client';
import { useInbox } from '@/lib/inbox-context';
import { Composer } from './composer';
import { MessageBubble } from './message-bubble';

/** One conversation: pages of messages (newest at the bottom), live updates, and the composer. */
export function Thread({ contact }: { contact: Contact }) {
  const { node, onEvent, refreshConversations } = useInbox();
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bottom = useRef<HTMLDivElement>(null);

  const upsert = useCallback((message: MessageView) => {
    setMessages((current) => {
      const rest = current.filter((existing) => existing.id !== message.id);
      return [...rest, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    });
  }, []);

  /**
   * An API answer may arrive after a live event about the same message (the delivery can be faster
   * than the answer to the send): it only fills in what no event has updated yet.
   */
  const applyAnswer = useCallback((message: MessageView, replacing?: MessageView['state']) => {
    setMessages((current) => {
      const existing = current.find((candidate) => candidate.id === message.id);
      if (existing && (replacing === undefined || existing.state !== replacing)) return current;
      const rest = current.filter((candidate) => candidate.id !== message.id);
      return [...rest, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    });
  }, []);

  const markRead = useCallback(() => {
    api('POST', `/conversations/${contact.id}/read`).then(() => refreshConversations(), () => undefined);
  }, [contact.id, refreshConversations]);

  useEffect(() => {
    api<Page<MessageView>>('GET', `/conversations/${contact.id}/messages?limit=50`).then(
      (page) => {
        // Live events may have come in while the page loaded: they are newer, keep them.
        setMessages((live) => [...[...page.items].reverse().filter((message) => !live.some((newer) => newer.id === message.id)), ...live]);
        setOlderCursor(page.nextCursor);
        setLoaded(true);
        markRead();
      },
      (caught: unknown) => setError(caught instanceof ApiError ? caught.message : 'could not load the conversation'),
    );
  }, [contact.id, markRead]);

  useEffect(
    () =>
      onEvent((event) => {
        if ((event.type === 'message.created' || event.type === 'message.updated') && event.message.contactId === contact.id) {
          upsert(event.message);
          if (event.type === 'message.created' && event.message.direction === 'in' && document.visibilityState === 'visible') markRead();
        }
        if (event.type === 'message.deleted' && event.contactId === contact.id) setMessages((current) => current.filter((message) => message.id !== event.messageId));
      }),
    [contact.id, onEvent, upsert, markRead],
  );

  const newestId = messages.at(-1)?.id;
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [newestId]);

  async function loadOlder() {
    if (!olderCursor) return;
    const page = await api<Page<MessageView>>('GET', `/conversations/${contact.id}/messages?limit=50&cursor=${encodeURIComponent(olderCursor)}`);
    setMessages((current) => [...[...page.items].reverse(), ...current]);
    setOlderCursor(page.nextCursor);
  }

  async function send(text: string): Promise<boolean> {
    try {
      applyAnswer(await api<MessageView>('POST', '/messages', { to: contact.address, text }));
      setError(null);
      void refreshConversations();
      return true;
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'the message could not be sent');
      return false;
    }
  }

  async function retry(id: string) {
    try {
      applyAnswer(await api<MessageView>('POST', `/messages/${id}/retry`), 'failed');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'retry failed');
    }
  }

  const disabledReason = contact.blocked ? 'You blocked this contact: unblock them in Contacts to write.' : contact.acceptsMessages ? null : `${contact.name} accepts no messages (a no-reply address).`;

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <Link href="/" className="rounded px-1 text-sm text-brand-600 md:hidden dark:text-brand-100" aria-label="Back to conversations">
          ←
        </Link>
        <div className="min-w-0">
          <h2 className="truncate font-semibold">{contact.name}</h2>
          <p className="truncate text-xs text-slate-500 dark:text-slate-400">{contact.address}</p>
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4" aria-live="polite">
        {olderCursor ? (
          <div className="mb-4 text-center">
            <button type="button" onClick={() => void loadOlder()} className="text-sm text-brand-600 underline dark:text-brand-100">
              Load older messages
            </button>
          </div>
        ) : null}
        {loaded && messages.length === 0 ? <p className="text-center text-sm text-slate-500">No messages yet. Say hello!</p> : null}
        <ol className="space-y-3" aria-label={`Messages with ${contact.name}`}>
          {messages.map((message) => (
            <MessageBubble key={message.id} message={message} onRetry={(id) => void retry(id)} />
          ))}
        </ol>
        <div ref={bottom} />
      </div>
      {error ? (
        <div className="px-3 pb-2">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      <Composer maxChars={node.messageMaxChars} disabledReason={disabledReason} onSend={send} />
    </div>
  );
}
