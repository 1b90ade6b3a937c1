import { Body, Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import {
  errorReply,
  messageErrorReply,
  parseAuthConfirmRequest,
  parseAuthRequest,
  parseMessageConfirmRequest,
  parseMessageReceiveRequest,
  type WireParseResult,
} from '@openmsg/core';
import type { FastifyRequest } from 'fastify';
import { OutboxService } from '../delivery/outbox.service';
import { HandshakeInitiatorService } from '../handshake/handshake-initiator.service';
import { HandshakeReceiverService } from '../handshake/handshake-receiver.service';
import { MessageReceiverService } from '../messages/message-receiver.service';
import { ProtocolExceptionFilter } from './protocol-exception.filter';

/**
 * The four endpoints other nodes call. Every protocol outcome, success or error, is HTTP 200 with
 * a JSON body, as the reference answers and expects. `/openmsg/sandbox/...` is the reference's
 * testing prefix and is served the same way. Trailing slashes are optional (router setting).
 */
@Controller(['openmsg', 'openmsg/sandbox'])
@UseFilters(ProtocolExceptionFilter)
export class FederationController {
  constructor(
    private readonly handshakeReceiver: HandshakeReceiverService,
    private readonly handshakeInitiator: HandshakeInitiatorService,
    private readonly messageReceiver: MessageReceiverService,
    private readonly outbox: OutboxService,
  ) {}

  @Post('auth')
  @HttpCode(200)
  auth(@Body() body: unknown, @Req() request: FastifyRequest) {
    const parsed = parseAuthRequest(body);
    if (!parsed.ok) return errorReply(parsed.message);
    return this.handshakeReceiver.answerAuth(parsed.value, request.ip);
  }

  @Post('auth-confirm')
  @HttpCode(200)
  authConfirm(@Body() body: unknown) {
    const parsed = parseAuthConfirmRequest(body);
    if (!parsed.ok) return errorReply(parsed.message);
    return this.handshakeInitiator.confirmAuth(parsed.value);
  }

  @Post('message-receive')
  @HttpCode(200)
  messageReceive(@Body() body: unknown) {
    const parsed = parseMessageReceiveRequest(body);
    if (!parsed.ok) return dataError(parsed);
    return this.messageReceiver.receive(parsed.value);
  }

  @Post('message-confirm')
  @HttpCode(200)
  messageConfirm(@Body() body: unknown) {
    const parsed = parseMessageConfirmRequest(body);
    if (!parsed.ok) return dataError(parsed);
    return this.outbox.confirm(parsed.value);
  }
}

function dataError(result: Extract<WireParseResult<unknown>, { ok: false }>) {
  return messageErrorReply('SM_E000', result.message, result.missing.length > 0 ? 'message_data_missing' : 'unknown_error');
}
