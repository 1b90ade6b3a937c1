import { Inject, Injectable } from '@nestjs/common';
import { codePointLength, matchesSearch, normalizeAddress } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConnectionsRepository } from '../connections/connections.repository';
import { DeliveryQueueRepository } from '../delivery/delivery-queue.repository';
import { DeliveryWorker } from '../delivery/delivery-worker.service';
import { OutgoingFilesRepository } from '../delivery/outgoing-files.repository';
import { PeerExtensionsService } from '../peer-extensions/peer-extensions.service';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { type StoredMessage, messageView } from './message-view';
import { MessagesRepository } from './messages.repository';
import { MessageWriter } from './message-writer.service';
import type { MessageView, Page } from '@openmsg/core';
import { decodeCursor, encodeCursor } from '../http/page-cursor';
import { ApiException } from '../http/api-error';

/** How many stored messages one search request reads at most; the cursor continues from there. */
const SEARCH_SCAN_LIMIT = 5000;
const SEARCH_BATCH = 500;

/** A user's messages: sending (checked here, written by MessageWriter), reading, searching, retrying a failure, deleting. */
@Injectable()
export class MessagesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messages: MessagesRepository,
    private readonly writer: MessageWriter,
    private readonly connections: ConnectionsRepository,
    private readonly queue: DeliveryQueueRepository,
    private readonly worker: DeliveryWorker,
    private readonly keys: NodeKeysService,
    private readonly extensions: PeerExtensionsService,
    private readonly files: OutgoingFilesRepository,
  ) {}

  /**
   * `attachments`: ids of the account's finished uploads not sent yet; with files the text (the caption) may be
   * empty. The longest text follows the contact: what its node announced under files-1 (one message), else this
   * node's long limit, sent in labelled parts of OPENMSG_MESSAGE_MAX_CHARS (docs/extensions/files.md §2).
   */
  async send(
    accountId: string,
    to: string,
    text: string,
    attachments: readonly string[] = [],
    clientId?: string,
  ): Promise<MessageView> {
    const ids = [...new Set(attachments)];
    if (clientId) {
      const earlier = await this.sentBefore(accountId, clientId, { to, text, ids });
      if (earlier) return earlier;
    }
    if (ids.length > 0 && !this.config.files.enabled) throw new ApiException('files_disabled');
    if (ids.length > this.config.files.maxFilesPerMessage)
      throw new ApiException(
        'too_many_attachments',
        `a message holds at most ${this.config.files.maxFilesPerMessage} files`,
      );
    if (ids.length === 0 && text.trim().length === 0) throw new ApiException('empty_message');
    // Stored addresses are canonical: `2000*B.Test` finds the contact `2000*b.test`.
    const connection = await this.connections.find(accountId, normalizeAddress(to) ?? to);
    if (!connection) throw new ApiException('not_connected', `you are not connected to ${to}`);
    if (!connection.otherAcceptsMessages) throw new ApiException('no_replies', `${to} accepts no messages`);
    const peer = await this.extensions.files1Of(connection.otherAddress);
    const max = peer
      ? Math.min(peer.maxTextChars, this.config.files.longMessageMaxChars)
      : this.config.files.longMessageMaxChars;
    if (codePointLength(text) > max)
      throw new ApiException('message_too_long', `a message to ${to} holds at most ${max} characters`);
    // Checked here for a clear answer; the write takes them only if they are still ready and unsent.
    if ((await this.files.uploadsToAttach(accountId, ids)).length !== ids.length)
      throw new ApiException('attachment_not_ready');

    try {
      return this.view(await this.writer.writeOutgoing(accountId, connection, text, ids, clientId ?? null));
    } catch (error) {
      // Sends with one clientId racing: the unique (accountId, clientId) key lets one write through and fails the
      // others, which wrote nothing; they answer the message that won.
      const earlier = clientId && (await this.sentBefore(accountId, clientId, { to, text, ids }));
      if (earlier) return earlier;
      throw error;
    }
  }

  /**
   * The message this account already sent with `clientId`, when the request is the same message again (a retry
   * whose answer was lost, a second tab flushing the same outbox). The id sent with another recipient, text or
   * files is refused: answering the earlier message would silently drop the new one.
   */
  private async sentBefore(
    accountId: string,
    clientId: string,
    asked: { to: string; text: string; ids: readonly string[] },
  ): Promise<MessageView | null> {
    const row = await this.messages.findByClientId(accountId, clientId);
    if (!row) return null;
    const view = this.view(row);
    const same =
      view.otherAddress === (normalizeAddress(asked.to) ?? asked.to) &&
      view.text === asked.text &&
      view.attachments.map((file) => file.id).join() === asked.ids.join();
    if (!same) throw new ApiException('client_id_reused');
    return view;
  }

  async get(accountId: string, id: string): Promise<MessageView> {
    const message = await this.messages.findForAccount(accountId, id);
    if (!message) throw new ApiException('not_found', 'message not found');
    return this.view(message);
  }

  async retry(accountId: string, id: string): Promise<MessageView> {
    const now = new Date();
    const requeued = await this.queue.requeue(
      id,
      accountId,
      now,
      new Date(now.getTime() + this.config.delivery.maxAgeSeconds * 1000),
    );
    if (!requeued) {
      await this.get(accountId, id); // 404 when it is not this user's message
      throw new ApiException('not_failed');
    }
    this.worker.kick(id);
    return this.get(accountId, id);
  }

  async delete(accountId: string, id: string): Promise<void> {
    const message = await this.messages.findForAccount(accountId, id);
    if (!message || !(await this.writer.delete(message, accountId)))
      throw new ApiException('not_found', 'message not found');
  }

  /**
   * Text search, newest first, ignoring case and accents (`CAFE` finds `café`: matchesSearch, as the contact search),
   * in the message's text and in the names of its files.
   * Texts may be encrypted at rest, so the database cannot match them, and a folded copy beside
   * them would undo that encryption: the service reads the user's messages in batches and matches
   * the opened texts, at most SEARCH_SCAN_LIMIT per request; a cursor continues where the scan stopped.
   */
  async search(accountId: string, query: string, limit: number, cursor?: string): Promise<Page<MessageView>> {
    const found: MessageView[] = [];
    let position = decodeCursor(cursor);
    for (let scanned = 0; scanned < SEARCH_SCAN_LIMIT;) {
      const batch = await this.messages.listForAccount(accountId, SEARCH_BATCH, position);
      for (const row of batch) {
        scanned++;
        position = row;
        const view = this.view(row);
        if (matchesSearch(view.text, query) || view.attachments.some((file) => matchesSearch(file.name, query)))
          found.push(view);
        if (found.length === limit) return { items: found, nextCursor: encodeCursor(row) };
      }
      if (batch.length < SEARCH_BATCH) return { items: found, nextCursor: null };
    }
    return { items: found, nextCursor: position ? encodeCursor(position) : null };
  }

  private view(message: StoredMessage): MessageView {
    return messageView(message, (body) => this.keys.openBody(body));
  }
}
