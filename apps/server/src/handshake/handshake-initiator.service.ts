import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AuthConfirmRequest,
  authSuccessResponseSchema,
  buildAuthRequest,
  errorReply,
  type ErrorReply,
  formatAddress,
  isAuthCallbackFailure,
  isValidPassCode,
  parseAddress,
  passcodeHash,
  PENDING_HANDSHAKE_LIFETIME_SECONDS,
  readPeerOutcome,
  successReply,
  type SuccessReply,
} from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConnectionsRepository } from '../connections/connections.repository';
import { EventBus } from '../events/event-bus';
import { PeerGateway } from '../peers/peer-gateway';
import { ConnectError } from './connect-error';
import { OutgoingHandshakeLimiter } from './outgoing-handshake-limiter.service';
import { PendingHandshakesRepository } from './pending-handshakes.repository';

export { ConnectError } from './connect-error';

interface Initiator {
  id: string;
  addressId: string;
  displayName: string;
  allowReplies: boolean;
}

/** The initiating side of a handshake: connect a user to another address with the pass code they were given. */
@Injectable()
export class HandshakeInitiatorService {
  private readonly logger = new Logger(HandshakeInitiatorService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pending: PendingHandshakesRepository,
    private readonly connections: ConnectionsRepository,
    private readonly peers: PeerGateway,
    private readonly events: EventBus,
    private readonly limiter: OutgoingHandshakeLimiter,
  ) {}

  async connect(account: Initiator, otherAddressText: string, passCode: string) {
    let attempt: Awaited<ReturnType<OutgoingHandshakeLimiter['reserve']>> = null;
    try {
      attempt = await this.limiter.reserve(account.id);
      if (!attempt) {
        throw new ConnectError(
          'too_many_attempts',
          'Too many of your connects were refused in the last hour: wait a while, and check the address and code with the other person. (Other nodes limit refused codes per node, so this protects everyone here.)',
        );
      }
      const connection = await this.handshake(account, otherAddressText, passCode);
      await attempt.release();
      this.events.emit({ type: 'handshake', direction: 'out', outcome: 'connected' });
      return connection;
    } catch (error) {
      // Only a refused code spends the other node's budget for this node: everything else is forgotten.
      if (attempt && !(error instanceof ConnectError && error.reason === 'refused')) await attempt.release();
      const failed = !(error instanceof ConnectError) || error.isFailure;
      // One line per failed handshake, without the pass code, its hash or the peer's full answer.
      this.logger.warn({
        msg: 'handshake failed',
        direction: 'out',
        account: account.id,
        reason: error instanceof ConnectError ? error.reason : 'internal_error',
      });
      this.events.emit({ type: 'handshake', direction: 'out', outcome: failed ? 'failed' : 'refused' });
      throw error;
    }
  }

  private async handshake(account: Initiator, otherAddressText: string, passCode: string) {
    const other = parseAddress(otherAddressText);
    if (!other)
      throw new ConnectError('malformed_address', 'That is not an Openmsg address: it looks like 1234*example.com.');
    if (!isValidPassCode(passCode)) throw new ConnectError('malformed_pass_code', 'A pass code is 6 digits.');
    const myAddress = formatAddress({ id: account.addressId, domain: this.config.domain });
    // Canonical spelling (lowercase domain): it is what both sides hash and store.
    const otherAddress = formatAddress(other);
    if (otherAddress === myAddress)
      throw new ConnectError('self', 'This address is your own: connect with someone else’s.');

    const now = new Date();
    const pendingRow = await this.pending.createUnlessUnderWay(
      {
        accountId: account.id,
        otherAddress,
        passcodeHash: passcodeHash(passCode, myAddress, otherAddress),
        createdAt: now,
      },
      new Date(now.getTime() - PENDING_HANDSHAKE_LIFETIME_SECONDS * 1000),
    );
    if (!pendingRow) {
      throw new ConnectError(
        'connect_in_progress',
        'A connection with this address is already being made from your account: wait a moment, then look at your contacts.',
      );
    }
    try {
      const request = buildAuthRequest({
        receiverId: other.id,
        passCode,
        senderAddress: myAddress,
        senderName: account.displayName,
        allowReplies: account.allowReplies,
      });
      const response = await this.peers.post(other.domain, 'auth', request);
      if (!response.ok) {
        throw new ConnectError(
          'unreachable',
          `The node for ${other.domain} could not be reached. Check the part after the * in their address; if it is right, try again later.`,
          response.message,
        );
      }
      const outcome = readPeerOutcome(response.json);
      if (!outcome.success) {
        const detail = `${other.domain}: ${outcome.errorMessage}`;
        if (isAuthCallbackFailure(outcome.errorMessage)) {
          throw new ConnectError(
            'callback_failed',
            'Their node could not reach yours to confirm the connection. The pass code is still valid: try again in a moment.',
            detail,
          );
        }
        throw new ConnectError(
          'refused',
          'The pass code was not accepted: it may be mistyped, already used or expired. Ask them for a new one.',
          detail,
        );
      }
      const answer = authSuccessResponseSchema.safeParse(response.json);
      if (!answer.success)
        throw new ConnectError(
          'bad_answer',
          `The node for ${other.domain} answered without the connection secrets; try again later or tell them.`,
        );

      const connection = await this.connections.decideAndUpsert(account.id, otherAddress, (existing) => {
        if (existing && existing.identCode !== answer.data.ident_code && !existing.peerForgotAt) {
          // As the reference does: an ident_code is never replaced (it identifies the pair for good),
          // unless their node has answered SM_E001 to it (peerForgotAt): it no longer knows that code.
          throw new ConnectError(
            'ident_conflict',
            'You are already connected with this address through another handshake: ask them to delete you as a contact, then connect with a new code.',
            `${other.domain} sent a different ident_code`,
          );
        }
        return {
          otherName: answer.data.receiving_openmsg_address_name,
          otherAcceptsMessages: true,
          authCode: answer.data.auth_code,
          identCode: answer.data.ident_code,
          messageCryptKey: answer.data.message_crypt_key,
        };
      });
      this.logger.log({
        msg: 'connected',
        account: account.id,
        connection: connection.id,
        local: this.peers.isLocal(other.domain),
      });
      this.events.emit({ type: 'contact.updated', accountId: account.id, contactId: connection.id });
      return connection;
    } finally {
      await this.pending.delete(pendingRow.id);
    }
  }

  /** Answers POST /openmsg/auth-confirm/: did this node start a handshake with that address and hash in the last 60 s? */
  async confirmAuth(request: AuthConfirmRequest, now = new Date()): Promise<SuccessReply | ErrorReply> {
    const notBefore = new Date(now.getTime() - PENDING_HANDSHAKE_LIFETIME_SECONDS * 1000);
    const consumed = await this.pending.consume(request.receiving_openmsg_address, request.passcode_hash, notBefore);
    return consumed ? successReply() : errorReply('no matching handshake in progress');
  }
}
