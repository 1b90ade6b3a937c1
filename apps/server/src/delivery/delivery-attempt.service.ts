import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  buildMessageReceiveRequest,
  type DeliveryFailureCode,
  generateMessageSalt,
  isPermanentFailure,
  messageHash,
  parseAddress,
  readPeerOutcome,
  sealMessage,
  unixSeconds,
} from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { PeerGateway } from '../peers/peer-gateway';
import { retryDelayMs } from './backoff';
import { messageNonce } from './message-nonce';
import { type ClaimedMessage, type DeliveryConnection, DeliveryQueueRepository } from './delivery-queue.repository';
import { type NewOutboxEntry, newOutboxEntry, OutboxRepository } from './outbox.repository';

/**
 * An attempt sealed and hashed, with the outbox entry the receiver's message-confirm will look for.
 * A message's first attempt is prepared before the message is inserted, so that its entry goes in
 * with it (one write instead of two).
 */
export interface PreparedAttempt {
  entry: NewOutboxEntry;
  messagePackage: string;
  salt: string;
  timestamp: number;
}

/** Failure codes come from one list (@openmsg/core/api), so the web inbox has a sentence for each. */
type Verdict =
  | { kind: 'delivered' }
  | { kind: 'failed'; code: DeliveryFailureCode; reason: string }
  | { kind: 'retry'; code: DeliveryFailureCode; reason: string };

/**
 * One delivery attempt of one claimed message: the same nonce every time, a fresh salt, timestamp
 * and hash. Delivered means stored (PROTOCOL.md): the receiver answered SM_S888, or SM_E007 for a
 * nonce an earlier attempt brought it.
 */
@Injectable()
export class DeliveryAttemptService {
  private readonly logger = new Logger(DeliveryAttemptService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: DeliveryQueueRepository,
    private readonly outbox: OutboxRepository,
    private readonly keys: NodeKeysService,
    private readonly peers: PeerGateway,
    private readonly events: EventBus,
  ) {}

  /** Null when the lease was lost meanwhile (another process owns the message now). `prepared`: see {@link prepare}. */
  async attempt(
    message: ClaimedMessage,
    owner: string,
    prepared: PreparedAttempt | null = null,
  ): Promise<string | null> {
    const verdict = await this.decide(message, prepared);
    return this.record(message, owner, verdict);
  }

  /**
   * Seals and hashes an attempt of the message with this text (the same nonce on every attempt, the
   * same package while the key stays; fresh salt, timestamp and hash). Should decide then refuse the
   * attempt, its final state drops the unused entry.
   */
  prepare(messageId: string, text: string, connection: DeliveryConnection): PreparedAttempt {
    const sealed = sealMessage(text, connection.messageCryptKey, messageNonce(messageId));
    const salt = generateMessageSalt();
    const timestamp = unixSeconds();
    const hash = messageHash(sealed.messagePackage, connection.authCode, salt, timestamp);
    return {
      entry: newOutboxEntry({ messageId, messageHash: hash, messageNonce: sealed.messageNonce }),
      messagePackage: sealed.messagePackage,
      salt,
      timestamp,
    };
  }

  private async decide(message: ClaimedMessage, prepared: PreparedAttempt | null): Promise<Verdict> {
    const connection = message.connection;
    if (!connection)
      return { kind: 'failed', code: 'connection_removed', reason: 'the connection to this address was deleted' };
    // Withdraw the earlier attempts nobody confirmed, so a slow receiver can no longer get one of
    // them confirmed: one without replay protection (the reference) would store the message twice.
    if (message.attempts > 1) await this.outbox.deleteUnconfirmed(message.id);
    if (!connection.otherAcceptsMessages)
      return { kind: 'failed', code: 'SM_E002', reason: 'this address accepts no messages' };
    const address = parseAddress(connection.otherAddress);
    if (!address) return { kind: 'failed', code: 'bad_address', reason: 'the stored address is not valid' };
    const { domain, id: receiverId } = address;

    let attempt = prepared;
    if (!attempt) {
      attempt = this.prepare(message.id, this.keys.openBody(message.body), connection);
      await this.outbox.create(attempt.entry);
    }
    const { entry, messagePackage, salt, timestamp } = attempt;

    const response = await this.peers.post(
      domain,
      'message-receive',
      buildMessageReceiveRequest({
        receiverId,
        senderName: connection.account.displayName,
        identCode: connection.identCode,
        messagePackage,
        messageHash: entry.messageHash,
        messageSalt: salt,
        messageTimestamp: timestamp,
      }),
    );
    // No answer (a timeout, a crash, an HTTP 500) proves nothing, even after a confirmation: the
    // receiver confirms before it stores. The next attempt, with the same nonce, finds out.
    if (!response.ok) {
      if (response.kind === 'refused_target')
        return { kind: 'failed', code: 'refused_target', reason: response.message };
      return { kind: 'retry', code: response.kind, reason: response.message };
    }
    const outcome = readPeerOutcome(response.json);
    // The receiver's own word that it stored the message (SM_S888; a bare success counts as such).
    if (outcome.success) return { kind: 'delivered' };
    // SM_S888 beside an error flag is no success: an unknown error.
    const code = outcome.responseCode === null || outcome.responseCode === 'SM_S888' ? 'SM_E000' : outcome.responseCode;
    const reason = `${domain}: ${outcome.errorMessage}`;
    if (code === 'SM_E007') return this.alreadyStored(message.id, entry.id, reason);
    return isPermanentFailure(code) ? { kind: 'failed', code, reason } : { kind: 'retry', code, reason };
  }

  /**
   * SM_E007 ("this nonce was used before") proves the receiver stored the message only if an
   * earlier attempt got past its message-confirm callback: a receiver stores nothing we did not
   * confirm, so without such an attempt this nonce never reached a store, and the answer is not
   * believed. This attempt's own confirmation then proves nothing either: it is dropped, so a
   * later retry does not count it.
   */
  private async alreadyStored(messageId: string, entryId: string, reason: string): Promise<Verdict> {
    if (await this.outbox.confirmedBefore(messageId, entryId)) return { kind: 'delivered' };
    await this.outbox.delete(entryId);
    return { kind: 'failed', code: 'SM_E007', reason: `${reason} (no earlier attempt of this message reached it)` };
  }

  private async record(message: ClaimedMessage, owner: string, verdict: Verdict): Promise<string | null> {
    const now = new Date();
    if (verdict.kind === 'delivered') {
      return (await this.queue.finish(message.id, owner, {
        state: 'delivered',
        deliveredAt: now,
        failureCode: null,
        failureReason: null,
      }))
        ? 'delivered'
        : null;
    }
    const { baseMs, maxMs } = this.config.delivery.retry;
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(message.attempts, baseMs, maxMs));
    const deliverBy =
      message.deliverBy ?? new Date(message.createdAt.getTime() + this.config.delivery.maxAgeSeconds * 1000);
    if (verdict.kind === 'retry' && nextAttemptAt <= deliverBy) {
      this.logger.warn({
        msg: 'delivery attempt failed, will retry',
        message: message.id,
        code: verdict.code,
        attempt: message.attempts,
      });
      const ok = await this.queue.finish(message.id, owner, {
        state: 'queued',
        nextAttemptAt,
        failureCode: verdict.code,
        failureReason: verdict.reason,
      });
      return ok ? 'queued' : null;
    }
    const reason =
      verdict.kind === 'retry' ? `gave up after ${message.attempts} attempts: ${verdict.reason}` : verdict.reason;
    this.logger.warn({ msg: 'delivery failed', message: message.id, code: verdict.code, attempts: message.attempts });
    if (
      !(await this.queue.finish(
        message.id,
        owner,
        { state: 'failed', failureCode: verdict.code, failureReason: reason },
        now,
      ))
    )
      return null;
    // SM_E001: finish marked the contact as forgotten by the other side (Contact.peerForgotAt).
    if (verdict.code === 'SM_E001' && message.connectionId)
      this.events.emit({ type: 'contact.updated', accountId: message.accountId, contactId: message.connectionId });
    return 'failed';
  }
}
