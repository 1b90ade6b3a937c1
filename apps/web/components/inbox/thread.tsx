'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { type Conversation, type MessageView, withoutBidiControls } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { MuteToggle } from '@/components/push/mute-toggle';
import { BackIcon } from '@/components/ui/icons';
import { deliveryFailureText, reconnectHref } from '@/lib/delivery-failure-text';
import { draftKey } from '@/lib/drafts';
import { useInbox } from '@/lib/inbox-context';
import { retryDelayMs, type SendResult } from '@/lib/send-retry';
import { useErrorText } from '@/lib/use-error-text';
import { isOffline } from '@/lib/use-online';
import { textLimit } from '@/lib/composer-limits';
import { WaitingMessages } from '@/components/offline/waiting-messages';
import { busy } from '@/lib/offline/activity';
import { newClientId } from '@/lib/offline/client-id';
import { isConnectionFailure } from '@/lib/offline/outbox-order';
import { useOutboxThread } from '@/lib/offline/use-outbox-thread';
import { Composer, type OutgoingMessage } from './composer';
import { ConversationLink } from './conversation-link';
import { FileDropZone } from './file-drop-zone';
import { MessageList } from './message-list';
import { useAttachments } from './use-attachments';
import { useSharedFiles } from '@/components/share/use-shared-files';
import { useThreadActions, useThreadMessages } from './use-thread-messages';

/** One conversation: its messages (newest at the bottom), live updates, read marks and the composer. */
export function Thread({ conversation }: { conversation: Conversation }) {
  const t = useTranslations('inbox.thread');
  const tDelivery = useTranslations('delivery');
  const locale = useLocale();
  const { errorLine } = useErrorText();
  const { me, node, onEvent } = useInbox();
  const { id, contact, unreadCount } = conversation;
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const { messages, hasOlder, loadOlder, loaded, error: loadError } = useThreadMessages(id);
  const { send, retry, remove, markRead } = useThreadActions(conversation);
  const attachments = useAttachments(node, contact);
  useSharedFiles(id, attachments);
  const tOffline = useTranslations('offline');
  const outbox = useOutboxThread(me.id, conversation, messages);
  // An upload under way: a new version of the app waits with its takeover (components/offline/use-app-update.ts).
  const uploading = Boolean(attachments.summary.blockedBy);
  useEffect(() => (uploading ? busy() : undefined), [uploading]);

  useEffect(
    () =>
      onEvent((event) => {
        if (
          event.type === 'message.created' &&
          event.message.conversationId === id &&
          event.message.direction === 'in'
        ) {
          const names = event.message.attachments.map((attachment) => attachment.name);
          const files = names.length > 0 ? new Intl.ListFormat(locale).format(names) : '';
          const said = event.message.text.slice(0, 140) || t('announceFiles', { count: names.length });
          setAnnouncement(
            files
              ? t('announceWithFiles', { name: contact.name, said, files })
              : t('announce', { name: contact.name, said }),
          );
        }
      }),
    [contact.name, id, onEvent, t, locale],
  );

  // Unread messages are read once the thread has loaded and the tab is visible (now, or when the person comes back).
  useEffect(() => {
    if (unreadCount === 0 || !loaded) return;
    const readIfVisible = () => document.visibilityState === 'visible' && markRead();
    readIfVisible();
    document.addEventListener('visibilitychange', readIfVisible);
    return () => document.removeEventListener('visibilitychange', readIfVisible);
  }, [unreadCount, loaded, markRead]);

  /**
   * Offline (or with earlier messages of this thread still waiting) a text goes to the outbox and is sent when the
   * connection is back; files cannot wait (they need their upload) and are refused. A send that reaches nothing
   * goes to the outbox with the clientId it was sent with: if it did reach the node, sending it again answers the
   * same message.
   */
  async function sendMessage(message: OutgoingMessage): Promise<SendResult> {
    const textOnly = message.attachmentIds.length === 0;
    if (isOffline() || outbox.mustQueue) {
      if (!textOnly) {
        setActionError(tOffline('filesNeedConnection'));
        return 'give-back';
      }
      await outbox.enqueue(message.text);
      setActionError(null);
      setAnnouncement(tOffline('queuedAnnouncement'));
      return 'sent';
    }
    const clientId = newClientId();
    const done = busy();
    try {
      await send({ ...message, clientId });
      setActionError(null);
      return 'sent';
    } catch (caught) {
      if (textOnly && isConnectionFailure(caught)) {
        await outbox.enqueue(message.text, clientId);
        setActionError(null);
        return 'sent';
      }
      // The node's storage fails for now (503 with Retry-After): the composer keeps the text waiting.
      const retryInMs = retryDelayMs(caught);
      if (retryInMs !== null) return { retryInMs };
      setActionError(errorLine(caught, t('sendFailed')));
      return 'give-back';
    } finally {
      done();
    }
  }

  async function removeWaiting(clientId: string) {
    await outbox.remove(clientId);
    setAnnouncement(tOffline('removed'));
  }

  async function retryMessage(messageId: string) {
    try {
      await retry(messageId);
      setActionError(null);
    } catch (caught) {
      setActionError(errorLine(caught, t('retryFailed')));
    }
  }

  async function copyMessage(message: MessageView) {
    try {
      await navigator.clipboard.writeText(withoutBidiControls(message.text)); // as shown: no direction overrides
      setActionError(null);
      setAnnouncement(t('copied'));
    } catch {
      setActionError(t('copyFailed'));
    }
  }

  async function deleteMessage(messageId: string) {
    try {
      await remove(messageId);
      setActionError(null);
      setAnnouncement(t('deleted'));
    } catch (caught) {
      setActionError(errorLine(caught, t('deleteFailed')));
    }
  }

  // The newest message sent failing because the connection is gone on their side: say so above the thread.
  const lastSent = messages.findLast((message) => message.direction === 'out');
  const broken = lastSent?.state === 'failed' ? deliveryFailureText(lastSent, contact.name, () => '', tDelivery) : null;

  const disabledReason = contact.blocked
    ? t('blocked')
    : contact.acceptsMessages
      ? null
      : t('noReplies', { name: contact.name });
  const error = actionError ?? loadError;

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-b border-line px-4 py-3">
        <ConversationLink
          href="/"
          className="-ms-2 flex size-8 items-center justify-center rounded-full text-accent md:hidden"
          aria-label={t('back')}
        >
          <BackIcon className="size-5 rtl:-scale-x-100" />
        </ConversationLink>
        <Avatar name={contact.name} address={contact.address} />
        <div className="min-w-0">
          <h1 className="truncate font-semibold">
            <bdi>{contact.name}</bdi>
          </h1>
          <p className="truncate text-xs text-ink-muted">
            <bdi dir="ltr">{contact.address}</bdi>
          </p>
        </div>
        <MuteToggle conversation={conversation} />
      </div>
      {broken?.reconnect ? (
        <div className="border-b border-line px-4 py-2" data-testid="reconnect-offer">
          <Alert kind="info">
            {broken.sentence}{' '}
            <Link href={reconnectHref(contact.address)} className="font-medium underline">
              {tDelivery('connectAgain')}
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
          label={t('label', { name: contact.name })}
          contact={{ name: contact.name, address: contact.address, filesSupported: contact.peer.files }}
          messages={messages}
          loaded={loaded}
          hasOlder={hasOlder}
          loadOlder={loadOlder}
          onRetry={(messageId) => void retryMessage(messageId)}
          onCopy={(message) => void copyMessage(message)}
          onDelete={(messageId) => void deleteMessage(messageId)}
        />
        <WaitingMessages entries={outbox.waiting} onRemove={(clientId) => void removeWaiting(clientId)} />
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
          conversationId={id}
          attachments={attachments}
          contact={{ name: contact.name, filesSupported: contact.peer.files }}
          onSend={sendMessage}
        />
      </FileDropZone>
    </div>
  );
}
