import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AuthConfirmRequest,
  type ConnectErrorCode,
  authSuccessResponseSchema,
  buildAuthRequest,
  errorReply,
  type ErrorReply,
  formatAddress,
  isSameDomain,
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
import { NodeEvents } from '../events/node-events';
import { PeerClient } from '../peers/peer-client';
import { PendingHandshakesRepository } from './pending-handshakes.repository';

/** Why a connect failed: the client API answers with these codes (shared with the web app). */
export type ConnectFailure = ConnectErrorCode;

export class ConnectError extends Error {
  constructor(
    readonly reason: ConnectFailure,
    message: string,
  ) {
    super(message);
  }
}

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
    private readonly peers: PeerClient,
    private readonly events: NodeEvents,
  ) {}

  async connect(account: Initiator, otherAddressText: string, passCode: string) {
    try {
      const connection = await this.handshake(account, otherAddressText, passCode);
      this.events.emit({ type: 'handshake', direction: 'out', outcome: 'connected' });
      return connection;
    } catch (error) {
      const refused = error instanceof ConnectError && error.reason !== 'unreachable' && error.reason !== 'bad_answer';
      this.events.emit({ type: 'handshake', direction: 'out', outcome: refused ? 'refused' : 'failed' });
      throw error;
    }
  }

  private async handshake(account: Initiator, otherAddressText: string, passCode: string) {
    const other = parseAddress(otherAddressText);
    if (!other) throw new ConnectError('malformed_address', 'not an Openmsg address: use the form 1234*example.com');
    if (!isValidPassCode(passCode)) throw new ConnectError('malformed_pass_code', 'a pass code is 6 digits');
    const myAddress = formatAddress({ id: account.addressId, domain: this.config.domain });
    if (other.id === account.addressId && isSameDomain(other.domain, this.config.domain)) {
      throw new ConnectError('self', 'you cannot connect to your own address');
    }

    const pendingRow = await this.pending.create({
      accountId: account.id,
      otherAddress: otherAddressText,
      passcodeHash: passcodeHash(passCode, myAddress, otherAddressText),
      createdAt: new Date(),
    });
    try {
      const response = await this.peers.post(
        other.domain,
        'auth',
        buildAuthRequest({
          receiverId: other.id,
          passCode,
          senderAddress: myAddress,
          senderName: account.displayName,
          allowReplies: account.allowReplies,
        }),
      );
      if (!response.ok) throw new ConnectError('unreachable', `the node for ${other.domain} could not be reached: ${response.message}`);
      const outcome = readPeerOutcome(response.json);
      if (!outcome.success) throw new ConnectError('refused', `${other.domain} refused the pass code: ${outcome.errorMessage}`);
      const answer = authSuccessResponseSchema.safeParse(response.json);
      if (!answer.success) throw new ConnectError('bad_answer', `${other.domain} answered without the connection secrets`);

      const existing = await this.connections.find(account.id, otherAddressText);
      if (existing && existing.identCode !== answer.data.ident_code) {
        // As the reference does: an ident_code is never replaced (it identifies the pair for good).
        throw new ConnectError('ident_conflict', `${other.domain} sent a different ident_code than the one this connection already has`);
      }
      const connection = await this.connections.upsert(account.id, otherAddressText, {
        otherName: answer.data.receiving_openmsg_address_name,
        otherAcceptsMessages: true,
        authCode: answer.data.auth_code,
        identCode: answer.data.ident_code,
        messageCryptKey: answer.data.message_crypt_key,
      });
      this.logger.log({ msg: 'connected', account: account.id, connection: connection.id });
      this.events.emit({ type: 'connection.changed', accountId: account.id, connectionId: connection.id });
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
