import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  errorReply,
  messageErrorReply,
  parseAuthConfirmRequest,
  parseAuthRequest,
  parseMessageConfirmRequest,
  parseMessageReceiveRequest,
  type WireParseResult,
} from '@openmsg/core';
import { OutboxService } from '../delivery/outbox.service';
import { HandshakeInitiatorService } from '../handshake/handshake-initiator.service';
import { HandshakeReceiverService } from '../handshake/handshake-receiver.service';
import { MessageReceiverService } from '../messages/message-receiver.service';
import { LOCAL_SOURCE, LocalPeerEndpoints } from '../peers/local-peer-endpoints';
import type { PeerEndpoint } from '../peers/peer-url';

/**
 * The four endpoints other nodes call: each body is validated, then answered by its service. The
 * same answers serve HTTP (FederationController) and this node's own users (LocalPeerEndpoints),
 * so a same-node handshake or message passes every check a remote one does.
 */
@Injectable()
export class FederationEndpoints implements OnModuleInit {
  constructor(
    private readonly handshakeReceiver: HandshakeReceiverService,
    private readonly handshakeInitiator: HandshakeInitiatorService,
    private readonly messageReceiver: MessageReceiverService,
    private readonly outbox: OutboxService,
    private readonly local: LocalPeerEndpoints,
  ) {}

  onModuleInit(): void {
    this.local.register((endpoint, body, source) => this.answer(endpoint, body, source));
  }

  answer(endpoint: PeerEndpoint, body: unknown, source: string): Promise<unknown> {
    switch (endpoint) {
      case 'auth':
        return this.auth(body, source);
      case 'auth-confirm':
        return this.authConfirm(body);
      case 'message-receive':
        return this.messageReceive(body);
      case 'message-confirm':
        return this.messageConfirm(body);
    }
  }

  async auth(body: unknown, source: string) {
    const parsed = parseAuthRequest(body);
    if (!parsed.ok) return errorReply(parsed.message);
    // In-process callers are this node's own users: the per-source cap counts each of them apart.
    const from = source === LOCAL_SOURCE ? `${LOCAL_SOURCE}:${parsed.value.sending_openmsg_address}` : source;
    return this.handshakeReceiver.answerAuth(parsed.value, from);
  }

  async authConfirm(body: unknown) {
    const parsed = parseAuthConfirmRequest(body);
    if (!parsed.ok) return errorReply(parsed.message);
    return this.handshakeInitiator.confirmAuth(parsed.value);
  }

  async messageReceive(body: unknown) {
    const parsed = parseMessageReceiveRequest(body);
    if (!parsed.ok) return dataError(parsed);
    return this.messageReceiver.receive(parsed.value);
  }

  async messageConfirm(body: unknown) {
    const parsed = parseMessageConfirmRequest(body);
    if (!parsed.ok) return dataError(parsed);
    return this.outbox.confirm(parsed.value);
  }
}

function dataError(result: Extract<WireParseResult<unknown>, { ok: false }>) {
  return messageErrorReply('SM_E000', result.message, result.missing.length > 0 ? 'message_data_missing' : 'unknown_error');
}
