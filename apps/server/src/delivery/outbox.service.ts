import { Injectable } from '@nestjs/common';
import {
  type MessageConfirmRequest,
  messageErrorReply,
  type MessageErrorReply,
  OUTBOX_CONFIRM_WINDOW_SECONDS,
  successReply,
  type SuccessReply,
} from '@openmsg/core';
import { OutboxRepository } from './outbox.repository';

/** Answers POST /openmsg/message-confirm/: vouches for a message this node sent, once, within 60 s. */
@Injectable()
export class OutboxService {
  constructor(private readonly outbox: OutboxRepository) {}

  async confirm(request: MessageConfirmRequest, now = new Date()): Promise<SuccessReply | MessageErrorReply> {
    const notBefore = new Date(now.getTime() - OUTBOX_CONFIRM_WINDOW_SECONDS * 1000);
    const confirmed = await this.outbox.confirmOnce(request.message_hash, request.message_nonce, notBefore, now);
    return confirmed
      ? successReply()
      : messageErrorReply('SM_E003', 'this node did not send that message, or it was already confirmed');
  }
}
