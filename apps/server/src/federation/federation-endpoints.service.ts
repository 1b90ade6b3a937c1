import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  type ErrorReply,
  type FederationAnswer,
  type FederationEndpointName,
  type FederationRequest,
  invalidRequestReply,
  type MessageErrorReply,
  parseFederationRequest,
  readPeerOutcome,
} from '@openmsg/core';
import { OutboxService } from '../delivery/outbox.service';
import { HandshakeInitiatorService } from '../handshake/handshake-initiator.service';
import { HandshakeReceiverService } from '../handshake/handshake-receiver.service';
import { MessageReceiverService } from '../messages/message-receiver.service';
import { PeerExtensionsService } from '../peer-extensions/peer-extensions.service';
import { LOCAL_SOURCE, LocalPeerEndpoints } from '../peers/local-peer-endpoints';

/** The service answering each endpoint of the table, given the validated request and who called. */
type Handlers = {
  [N in FederationEndpointName]: (request: FederationRequest<N>, source: string) => Promise<FederationAnswer<N>>;
};

/**
 * The endpoints other nodes call (`federationEndpoints` of @openmsg/core): each body is validated
 * by the table's schema, a malformed one answered as the table says, a valid one by its service.
 * The same answers serve HTTP (FederationController) and this node's own users (LocalPeerEndpoints),
 * so a same-node handshake or message passes every check a remote one does.
 */
@Injectable()
export class FederationEndpoints implements OnModuleInit {
  private readonly handlers: Handlers;

  constructor(
    handshakeReceiver: HandshakeReceiverService,
    handshakeInitiator: HandshakeInitiatorService,
    messageReceiver: MessageReceiverService,
    outbox: OutboxService,
    private readonly local: LocalPeerEndpoints,
    private readonly extensions: PeerExtensionsService,
  ) {
    this.handlers = {
      // In-process callers are this node's own users: the per-source cap counts each of them apart.
      auth: (request, source) =>
        handshakeReceiver.answerAuth(
          request,
          source === LOCAL_SOURCE ? `${LOCAL_SOURCE}:${request.sending_openmsg_address}` : source,
        ),
      'auth-confirm': (request) => handshakeInitiator.confirmAuth(request),
      'message-receive': (request) => messageReceiver.receive(request),
      'message-confirm': (request) => outbox.confirm(request),
    };
  }

  onModuleInit(): void {
    this.local.register((endpoint, body, source) => this.answer(endpoint, body, source));
  }

  async answer<N extends FederationEndpointName>(
    endpoint: N,
    body: unknown,
    source: string,
  ): Promise<FederationAnswer<N> | ErrorReply | MessageErrorReply> {
    const parsed = parseFederationRequest(endpoint, body);
    if (!parsed.ok) return invalidRequestReply(endpoint, parsed);
    const handler = this.handlers[endpoint] as (
      request: FederationRequest<N>,
      source: string,
    ) => Promise<FederationAnswer<N>>;
    const answer = await handler(parsed.value, source);
    // Every success answer announces this node's extensions (docs/extensions/files.md §1); errors never do.
    return readPeerOutcome(answer).success ? { ...answer, ...this.extensions.announcement() } : answer;
  }
}
