'use client';

import { useCallback, useEffect, useState } from 'react';
import Link from 'next/link';
import type { Contact, MessageView } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { api, ApiError } from '@/lib/api-client';
import { useInbox } from '@/lib/inbox-context';
import { Composer } from './composer';
import { MessageList } from './message-list';
import { useThreadMessages } from './use-thread-messages';

/** One conversation: its messages (newest at the bottom), live updates, read marks and the composer. */
export function Thread({ contact, unreadCount }: { contact: Contact; unreadCount: number }) {
  const { node, refreshConversations } = useInbox();
  const [announcement, setAnnouncement] = useState('');

  const markRead = useCallback(() => {
    api('POST', `/conversations/${contact.id}/read`).then(() => refreshConversations(), () => undefined);
  }, [contact.id, refreshConversations]);

  const onIncoming = useCallback(
    (message: MessageView | null) => {
      if (message) setAnnouncement(`New message from ${contact.name}: ${message.text.slice(0, 140)}`);
      if (document.visibilityState === 'visible') markRead();
    },
    [contact.name, markRead],
  );

  const { messages, hasOlder, loadOlder, loaded, error, setError, applyAnswer } = useThreadMessages(contact.id, { onIncoming });

  // Messages that came while the tab was hidden are read when the person comes back.
  useEffect(() => {
    if (unreadCount === 0) return;
    const onVisible = () => document.visibilityState === 'visible' && markRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [unreadCount, markRead]);

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
      setError(null);
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
      <MessageList label={`Messages with ${contact.name}`} messages={messages} loaded={loaded} hasOlder={hasOlder} loadOlder={loadOlder} onRetry={(id) => void retry(id)} />
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {error ? (
        <div className="px-3 pb-2">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      <Composer maxChars={node.messageMaxChars} disabledReason={disabledReason} onSend={send} />
    </div>
  );
}
