'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { type Conversation, type MessageView, withoutBidiControls } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { BackIcon } from '@/components/ui/icons';
import { deliveryFailureText, reconnectHref } from '@/lib/delivery-failure-text';
import { errorLine } from '@/lib/error-text';
import { draftKey } from '@/lib/drafts';
import { useInbox } from '@/lib/inbox-context';
import { retryDelayMs, type SendResult } from '@/lib/send-retry';
import { isOffline } from '@/lib/use-online';
import { textLimit } from '@/lib/composer-limits';
import { Composer, type OutgoingMessage } from './composer';
import { ConversationLink } from './conversation-link';
import { FileDropZone } from './file-drop-zone';
import { MessageList } from './message-list';
import { useAttachments } from './use-attachments';
import { useThreadActions, useThreadMessages } from './use-thread-messages';

const OFFLINE_SEND =
  'You are offline: the message was not sent. It stays in the box; send it again when you are back online.';

/** One conversation: its messages (newest at the bottom), live updates, read marks and the composer. */
export function Thread({ conversation }: { conversation: Conversation }) {
  const { me, node, onEvent } = useInbox();
  const { id, contact, unreadCount } = conversation;
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const { messages, hasOlder, loadOlder, loaded, error: loadError } = useThreadMessages(id);
  const { send, retry, remove, markRead } = useThreadActions(conversation);
  const attachments = useAttachments(node, contact);

  useEffect(
    () =>
      onEvent((event) => {
        if (
          event.type === 'message.created' &&
          event.message.conversationId === id &&
          event.message.direction === 'in'
        ) {
          const files = event.message.attachments.map((attachment) => attachment.name).join(', ');
          const said =
            event.message.text.slice(0, 140) || `${event.message.attachments.length === 1 ? 'a file' : 'files'}`;
          setAnnouncement(`New message from ${contact.name}: ${said}${files ? ` (attached: ${files})` : ''}`);
        }
      }),
    [contact.name, id, onEvent],
  );

  // Unread messages are read once the thread has loaded and the tab is visible (now, or when the person comes back).
  useEffect(() => {
    if (unreadCount === 0 || !loaded) return;
    const readIfVisible = () => document.visibilityState === 'visible' && markRead();
    readIfVisible();
    document.addEventListener('visibilitychange', readIfVisible);
    return () => document.removeEventListener('visibilitychange', readIfVisible);
  }, [unreadCount, loaded, markRead]);

  async function sendMessage(message: OutgoingMessage): Promise<SendResult> {
    if (isOffline()) {
      setActionError(OFFLINE_SEND);
      return 'give-back';
    }
    try {
      await send(message);
      setActionError(null);
      return 'sent';
    } catch (caught) {
      // The node's storage fails for now (503 with Retry-After): the composer keeps the text waiting.
      const retryInMs = retryDelayMs(caught);
      if (retryInMs !== null) return { retryInMs };
      setActionError(errorLine(caught, 'the message could not be sent'));
      return 'give-back';
    }
  }

  async function retryMessage(messageId: string) {
    try {
      await retry(messageId);
      setActionError(null);
    } catch (caught) {
      setActionError(errorLine(caught, 'retry failed'));
    }
  }

  async function copyMessage(message: MessageView) {
    try {
      await navigator.clipboard.writeText(withoutBidiControls(message.text)); // as shown: no direction overrides
      setActionError(null);
      setAnnouncement('Message copied.');
    } catch {
      setActionError('The message could not be copied: this browser did not allow it.');
    }
  }

  async function deleteMessage(messageId: string) {
    try {
      await remove(messageId);
      setActionError(null);
      setAnnouncement('Message deleted for you.');
    } catch (caught) {
      setActionError(errorLine(caught, 'the message could not be deleted'));
    }
  }

  // The newest message sent failing because the connection is gone on their side: say so above the thread.
  const lastSent = messages.findLast((message) => message.direction === 'out');
  const broken = lastSent?.state === 'failed' ? deliveryFailureText(lastSent, contact.name, () => '') : null;

  const disabledReason = contact.blocked
    ? 'You blocked this contact: unblock them in Contacts to write.'
    : contact.acceptsMessages
      ? null
      : `${contact.name} accepts no messages (a no-reply address).`;
  const error = actionError ?? loadError;

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-b border-line px-4 py-3">
        <ConversationLink
          href="/"
          className="-ml-2 flex size-8 items-center justify-center rounded-full text-accent md:hidden"
          aria-label="Back to conversations"
        >
          <BackIcon className="size-5" />
        </ConversationLink>
        <Avatar name={contact.name} address={contact.address} />
        <div className="min-w-0">
          <h1 className="truncate font-semibold">{contact.name}</h1>
          <p className="truncate text-xs text-ink-muted">{contact.address}</p>
        </div>
      </div>
      {broken?.reconnect ? (
        <div className="border-b border-line px-4 py-2" data-testid="reconnect-offer">
          <Alert kind="info">
            {broken.sentence}{' '}
            <Link href={reconnectHref(contact.address)} className="font-medium underline">
              Connect again
            </Link>
          </Alert>
        </div>
      ) : null}
      <FileDropZone
        onFiles={(files) => void attachments.attach(files)}
        enabled={attachments.enabled && !disabledReason}
        contactName={contact.name}
      >
        <MessageList
          label={`Messages with ${contact.name}`}
          contact={{ name: contact.name, address: contact.address, filesSupported: contact.peer.files }}
          messages={messages}
          loaded={loaded}
          hasOlder={hasOlder}
          loadOlder={loadOlder}
          onRetry={(messageId) => void retryMessage(messageId)}
          onCopy={(message) => void copyMessage(message)}
          onDelete={(messageId) => void deleteMessage(messageId)}
        />
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
        {error ? (
          <div className="px-3 pb-2">
            <Alert>{error}</Alert>
          </div>
        ) : null}
        <Composer
          limit={textLimit(node, contact.peer)}
          disabledReason={disabledReason}
          draftKey={draftKey(me.id, id)}
          attachments={attachments}
          contact={{ name: contact.name, filesSupported: contact.peer.files }}
          onSend={sendMessage}
        />
      </FileDropZone>
    </div>
  );
}
