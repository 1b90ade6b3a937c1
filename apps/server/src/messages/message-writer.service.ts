import { Inject, Injectable } from '@nestjs/common';
import { codePointLength, type ManifestFile } from '@openmsg/core';
import type { Account, Connection, Conversation } from '@openmsg/db';
import { v7 as timeOrderedUuid } from 'uuid';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { DeliveryConnection } from '../delivery/delivery-queue.repository';
import { DeliveryWorker } from '../delivery/delivery-worker.service';
import { EventBus } from '../events/event-bus';
import { FileKeys } from '../files/file-keys';
import { NodeKeysService } from '../node-keys/node-keys.service';
import type { StoredMessage } from './message-view';
import { ApiException } from '../http/api-error';
import {
  AttachmentsNotReadyError,
  type IncomingFile,
  type IncomingMessage,
  MessageWritingRepository,
  type OutgoingMessage,
} from './message-writing.repository';

/** The connection a message is sent on, as ConnectionsRepository.find reads it (secrets in clear). */
export type SendingConnection = Pick<
  Connection,
  'id' | 'otherAddress' | 'otherAcceptsMessages' | 'authCode' | 'identCode' | 'messageCryptKey'
> & {
  accountDisplayName: Account['displayName'];
  conversationId: Conversation['id'] | null;
};

/**
 * The one owner of writing messages. A message is written with everything that changes with it, in
 * one write: an outgoing one with its first outbox entry and its conversation's summary, a received
 * one with its spent nonce and the summary; a delete or a read mark with the summary too. It seals
 * bodies at rest, emits the events of what it wrote, and hands delivery a new message already
 * claimed, its first attempt prepared (DeliveryWorker.prepareFirstAttempt / deliverNew).
 */
@Injectable()
export class MessageWriter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writes: MessageWritingRepository,
    private readonly delivery: DeliveryWorker,
    private readonly keys: NodeKeysService,
    private readonly events: EventBus,
    private readonly fileKeys: FileKeys,
  ) {}

  /**
   * A message to send (its text checked by the caller). Accepted means queued: the answer is the
   * message as written, before any attempt. When delivery has room, the row is written claimed by
   * this process and its first attempt runs at once from what is in hand; otherwise it waits in
   * the queue.
   */
  async writeOutgoing(
    accountId: string,
    connection: SendingConnection,
    text: string,
    attachmentIds: string[] = [],
    clientId: string | null = null,
  ): Promise<StoredMessage> {
    const now = new Date();
    const message: OutgoingMessage = {
      id: timeOrderedUuid(),
      accountId,
      connectionId: connection.id,
      otherAddress: connection.otherAddress,
      body: this.keys.sealBody(text),
      createdAt: now,
      deliverBy: new Date(now.getTime() + this.config.delivery.maxAgeSeconds * 1000),
      clientId,
    };
    const target = deliveryConnection(connection);
    // A short text alone goes as one message to any node: its first attempt is made ready with the write. One with
    // files or in parts is laid out by delivery, which reads its files and what the receiver announced.
    const whole = attachmentIds.length === 0 && codePointLength(text) <= this.config.messageMaxChars;
    const first = whole ? this.delivery.prepareFirstAttempt({ id: message.id, text }, target, now) : null;
    try {
      await this.writes.insertOutgoing(message, first, attachmentIds);
    } catch (error) {
      if (first) this.delivery.dropFirstAttempt(message.id);
      if (error instanceof AttachmentsNotReadyError) throw new ApiException('attachment_not_ready');
      throw error;
    }
    this.events.emit({ type: 'message.updated', accountId, messageId: message.id, state: 'queued' });
    if (first) this.delivery.deliverNew({ ...message, attempts: 1, partsSent: 0, connection: target });
    else this.delivery.kick(message.id);
    return {
      ...message,
      conversationId: connection.conversationId,
      direction: 'out',
      state: 'queued',
      failureCode: null,
      failureReason: null,
      attempts: 0,
      deliveredAt: null,
      readAt: null,
    };
  }

  /** A message a peer delivered (checked by the receiver). A nonce spent before on the connection fails it with a unique violation. */
  async writeIncoming(
    message: Omit<IncomingMessage, 'id' | 'body'> & { text: string },
    files: readonly ManifestFile[] = [],
  ): Promise<void> {
    const { text, ...rest } = message;
    const id = timeOrderedUuid();
    const incomingFiles: IncomingFile[] = files.map((file, position) => ({
      id: timeOrderedUuid(),
      remoteId: file.id,
      position,
      name: file.name,
      contentType: file.type,
      size: file.size,
      sha256: file.sha256,
      fileKey: this.fileKeys.seal(Buffer.from(file.key, 'hex')),
      chunkSize: file.chunkSize,
    }));
    const { pushJobs } = await this.writes.insertIncoming(
      { ...rest, id, body: this.keys.sealBody(text) },
      incomingFiles,
      this.config.push.enabled,
    );
    this.events.emit({ type: 'message.created', accountId: message.accountId, messageId: id });
    // Only this replica's push worker, and only when the account has devices to notify: no claim per message otherwise.
    if (pushJobs > 0) this.events.emit({ type: 'push.due', messageId: id });
    // The files are fetched afterwards, by the file-transfer worker (files.md §4): wake it.
    if (incomingFiles.length > 0) this.events.emit({ type: 'attachments.fetch-due', messageId: id });
  }

  /** Deletes this user's copy of a message; false when it is not there (any more). A message still queued is not sent. */
  async delete(
    message: Pick<StoredMessage, 'id' | 'connectionId' | 'conversationId'>,
    accountId: string,
  ): Promise<boolean> {
    if (!(await this.writes.deleteOwned({ id: message.id, accountId, connectionId: message.connectionId })))
      return false;
    this.events.emit({
      type: 'message.deleted',
      accountId,
      messageId: message.id,
      contactId: message.connectionId,
      conversationId: message.conversationId,
    });
    return true;
  }

  /** Marks the conversation's unread messages read; how many were. */
  async markConversationRead(accountId: string, conversation: { id: string; connectionId: string }): Promise<number> {
    const marked = await this.writes.markConversationRead(accountId, conversation.connectionId, new Date());
    if (marked > 0)
      this.events.emit({
        type: 'conversation.read',
        accountId,
        contactId: conversation.connectionId,
        conversationId: conversation.id,
      });
    return marked;
  }
}

function deliveryConnection(connection: SendingConnection): DeliveryConnection {
  const { otherAddress, otherAcceptsMessages, authCode, identCode, messageCryptKey, accountDisplayName } = connection;
  return {
    otherAddress,
    otherAcceptsMessages,
    authCode,
    identCode,
    messageCryptKey,
    account: { displayName: accountDisplayName },
  };
}
