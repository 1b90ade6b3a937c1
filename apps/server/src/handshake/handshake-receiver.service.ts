import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AUTH_CALLBACK_FAILED_MESSAGE,
  type AuthRequest,
  type AuthSuccessBody,
  errorReply,
  type ErrorReply,
  formatAddress,
  generateConnectionSecrets,
  parseAddress,
  passcodeHash,
  readPeerOutcome,
} from '@openmsg/core';
import { AccountsRepository } from '../accounts/accounts.repository';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConnectionsRepository } from '../connections/connections.repository';
import { EventBus } from '../events/event-bus';
import { PassCodesService } from '../passcodes/passcodes.service';
import { PeerGateway } from '../peers/peer-gateway';
import { AuthAttemptLimiter } from './auth-attempt-limiter.service';

/** One quiet answer for every refused code, so an attacker learns nothing from the wording. */
const CODE_NOT_VALID = 'pass code not valid';

/** The receiving side of a handshake: answers POST /openmsg/auth/ for one of this node's users. */
@Injectable()
export class HandshakeReceiverService {
  private readonly logger = new Logger(HandshakeReceiverService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsRepository,
    private readonly passCodes: PassCodesService,
    private readonly connections: ConnectionsRepository,
    private readonly limiter: AuthAttemptLimiter,
    private readonly peers: PeerGateway,
    private readonly events: EventBus,
  ) {}

  async answerAuth(request: AuthRequest, source: string): Promise<AuthSuccessBody | ErrorReply> {
    const targetId = request.receiving_openmsg_address_id;
    const attempt = await this.limiter.reserve(targetId, source);
    if (!attempt) {
      return this.refuse(targetId, 'cap_reached', CODE_NOT_VALID);
    }
    const account = await this.accounts.findActiveByAddressId(targetId);
    const spent = account
      ? await this.passCodes.spend(account.id, request.pass_code)
      : { ok: false as const, reason: 'not_valid' as const };
    if (!account || !spent.ok) {
      await attempt.failed(spent.ok ? 'not_valid' : spent.reason);
      return this.refuse(
        targetId,
        spent.ok ? 'not_valid' : spent.reason,
        spent.ok || spent.reason === 'not_valid' ? CODE_NOT_VALID : 'expired pass code',
      );
    }
    await attempt.succeeded();

    const myAddress = formatAddress({ id: account.addressId, domain: this.config.domain });
    const otherAddress = request.sending_openmsg_address;
    const otherDomain = (parseAddress(otherAddress) as { domain: string }).domain;
    const confirmed = await this.confirmWithInitiator(otherDomain, {
      receiving_openmsg_address: myAddress,
      passcode_hash: passcodeHash(request.pass_code, otherAddress, myAddress),
    });
    if (!confirmed.ok) {
      // Beyond the reference: the initiator's node failing is no reason for the user to lose the code.
      await spent
        .giveBack()
        .catch((error: Error) =>
          this.logger.error({ msg: 'pass code could not be given back', account: account.id, error: error.message }),
        );
      return this.refuse(targetId, confirmed.reason, AUTH_CALLBACK_FAILED_MESSAGE, 'failed');
    }

    const secrets = generateConnectionSecrets();
    const connection = await this.connections.decideAndUpsert(account.id, otherAddress, (existing) => ({
      otherName: request.sending_openmsg_address_name,
      otherAcceptsMessages: request.sending_allow_replies,
      authCode: secrets.authCode,
      identCode: existing?.identCode ?? secrets.identCode,
      messageCryptKey: secrets.messageCryptKey,
    }));
    this.logger.log({ msg: 'handshake answered', account: account.id, connection: connection.id });
    this.events.emit({ type: 'contact.updated', accountId: account.id, contactId: connection.id });
    this.events.emit({ type: 'handshake', direction: 'in', outcome: 'connected' });
    return {
      success: true,
      auth_code: connection.authCode,
      ident_code: connection.identCode,
      message_crypt_key: connection.messageCryptKey,
      receiving_openmsg_address_name: account.displayName,
    };
  }

  /** One log line per refused or failed handshake, with the reason and never the code or its hash. */
  private refuse(
    targetId: string,
    reason: string,
    message: string,
    outcome: 'refused' | 'failed' = 'refused',
  ): ErrorReply {
    this.logger.warn({ msg: 'handshake failed', direction: 'in', target: targetId, reason });
    this.events.emit({ type: 'handshake', direction: 'in', outcome });
    return errorReply(message);
  }

  /** Proves the /auth call came from the domain in the sending address (the domain answers for its pending handshake). */
  private async confirmWithInitiator(
    domain: string,
    body: { receiving_openmsg_address: string; passcode_hash: string },
  ) {
    const response = await this.peers.post(domain, 'auth-confirm', body);
    if (!response.ok) return { ok: false as const, reason: `callback_${response.kind}` };
    const outcome = readPeerOutcome(response.json);
    if (!outcome.success) return { ok: false as const, reason: 'callback_refused' };
    return { ok: true as const };
  }
}
