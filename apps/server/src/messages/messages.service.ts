import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { codePointLength } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConnectionsRepository } from '../connections/connections.repository';
import { DeliveryQueueRepository } from '../delivery/delivery-queue.repository';
import { DeliveryWorker } from '../delivery/delivery-worker.service';
import { NodeEvents } from '../events/node-events';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { MessagesRepository } from './messages.repository';

type StoredMessage = NonNullable<Awaited<ReturnType<MessagesRepository['findForAccount']>>>;

export interface MessageView {
  id: string;
  direction: 'in' | 'out';
  otherAddress: string;
  text: string;
  state: string;
  failureCode: string | null;
  failureReason: string | null;
  attempts: number;
  createdAt: Date;
  deliveredAt: Date | null;
  readAt: Date | null;
}

/** A user's messages: sending (queued for durable delivery), reading a thread, retrying a failure. */
@Injectable()
export class MessagesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messages: MessagesRepository,
    private readonly connections: ConnectionsRepository,
    private readonly queue: DeliveryQueueRepository,
    private readonly worker: DeliveryWorker,
    private readonly keys: NodeKeysService,
    private readonly events: NodeEvents,
  ) {}

  async send(accountId: string, to: string, text: string): Promise<MessageView> {
    if (text.trim().length === 0) throw new BadRequestException({ error: 'empty_message', message: 'a message needs some text' });
    const max = this.config.messageMaxChars;
    if (codePointLength(text) > max) throw new BadRequestException({ error: 'message_too_long', message: `a message holds at most ${max} characters` });
    const connection = await this.connections.find(accountId, to);
    if (!connection) throw new NotFoundException({ error: 'not_connected', message: `you are not connected to ${to}` });
    if (!connection.otherAcceptsMessages) throw new ConflictException({ error: 'no_replies', message: `${to} accepts no messages` });

    const now = new Date();
    const message = await this.messages.createOutgoing({
      accountId,
      connectionId: connection.id,
      otherAddress: connection.otherAddress,
      body: this.keys.sealBody(text),
      now,
      deliverBy: new Date(now.getTime() + this.config.delivery.maxAgeSeconds * 1000),
    });
    this.events.emit({ type: 'message.state', accountId, messageId: message.id, state: message.state });
    this.worker.kick(message.id);
    return this.view(message);
  }

  async get(accountId: string, id: string): Promise<MessageView> {
    const message = await this.messages.findForAccount(accountId, id);
    if (!message) throw new NotFoundException({ error: 'not_found', message: 'message not found' });
    return this.view(message);
  }

  async thread(accountId: string, otherAddress: string, limit: number, cursor?: string) {
    const after = cursor ? await this.messages.findForAccount(accountId, cursor) : null;
    if (cursor && !after) throw new BadRequestException({ error: 'bad_cursor', message: 'unknown cursor' });
    const rows = await this.messages.listThread(accountId, otherAddress, limit + 1, after ?? undefined);
    const page = rows.slice(0, limit);
    return { items: page.map((row) => this.view(row)), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
  }

  async retry(accountId: string, id: string): Promise<MessageView> {
    const now = new Date();
    const requeued = await this.queue.requeue(id, accountId, now, new Date(now.getTime() + this.config.delivery.maxAgeSeconds * 1000));
    if (!requeued) {
      await this.get(accountId, id); // 404 when it is not this user's message
      throw new ConflictException({ error: 'not_failed', message: 'only a failed message can be retried' });
    }
    this.worker.kick(id);
    return this.get(accountId, id);
  }

  private view(message: StoredMessage): MessageView {
    return {
      id: message.id,
      direction: message.direction as 'in' | 'out',
      otherAddress: message.otherAddress,
      text: this.keys.openBody(message.body),
      state: message.state,
      failureCode: message.failureCode,
      failureReason: message.failureReason,
      attempts: message.attempts,
      createdAt: message.createdAt,
      deliveredAt: message.deliveredAt,
      readAt: message.readAt,
    };
  }
}
