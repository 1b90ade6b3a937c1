import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  buildFilesManifest,
  buildMessageReceiveRequest,
  codePointLength,
  fileLinkLines,
  type Files1Limits,
  filesHash,
  type ManifestFile,
  manifestContentType,
  parseAnnouncement,
  sealFilesPackage,
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
import { FileKeys } from '../files/file-keys';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { PeerExtensionsService } from '../peer-extensions/peer-extensions.service';
import { PeerGateway } from '../peers/peer-gateway';
import { FileLinksForDelivery } from './file-links.port';
import { firstLinkIndex, type LetterPart, letterParts } from './letter-layout';
import { type OutgoingFile, OutgoingFilesRepository } from './outgoing-files.repository';
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
  /** files-1's two fields, toward a node that announced it, for a message with files. */
  files: { filesPackage: string; filesHash: string } | null;
}

/** Failure codes come from one list (@openmsg/core/api), so the web inbox has a sentence for each. */
type Verdict =
  | { kind: 'delivered' }
  /** The lease was lost between two parts: another process goes on from the parts recorded. */
  | { kind: 'lost' }
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
    private readonly files: OutgoingFilesRepository,
    private readonly extensions: PeerExtensionsService,
    private readonly links: FileLinksForDelivery,
    private readonly fileKeys: FileKeys,
  ) {}

  /** Null when the lease was lost meanwhile (another process owns the message now). `prepared`: see {@link prepare}. */
  async attempt(
    message: ClaimedMessage,
    owner: string,
    prepared: PreparedAttempt | null = null,
  ): Promise<string | null> {
    const verdict = await this.decide(message, owner, prepared);
    return this.record(message, owner, verdict);
  }

  /**
   * Seals and hashes an attempt of the message with this text (the same nonce on every attempt, the
   * same package while the key stays; fresh salt, timestamp and hash). Should decide then refuse the
   * attempt, its final state drops the unused entry.
   */
  prepare(messageId: string, text: string, connection: DeliveryConnection): PreparedAttempt {
    return this.preparePart(messageId, text, messageNonce(messageId), connection, null);
  }

  /** {@link prepare} for one part of a message, or for a message with files toward a files-1 node (`files`: its manifest). */
  private preparePart(
    messageId: string,
    text: string,
    nonce: Uint8Array,
    connection: DeliveryConnection,
    files: ManifestFile[] | null,
  ): PreparedAttempt {
    const sealed = sealMessage(text, connection.messageCryptKey, nonce);
    const salt = generateMessageSalt();
    const timestamp = unixSeconds();
    const hash = messageHash(sealed.messagePackage, connection.authCode, salt, timestamp);
    let filesFields: PreparedAttempt['files'] = null;
    if (files) {
      const filesPackage = sealFilesPackage(
        buildFilesManifest(files),
        connection.messageCryptKey,
        sealed.messagePackage,
      );
      filesFields = { filesPackage, filesHash: filesHash(filesPackage, hash, connection.authCode) };
    }
    return {
      entry: newOutboxEntry({ messageId, messageHash: hash, messageNonce: sealed.messageNonce }),
      messagePackage: sealed.messagePackage,
      salt,
      timestamp,
      files: filesFields,
    };
  }

  private async decide(message: ClaimedMessage, owner: string, prepared: PreparedAttempt | null): Promise<Verdict> {
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
    const target = { domain: address.domain, receiverId: address.id, connection };

    // A new short text without files: its first attempt was prepared with the message (the hot path).
    if (prepared) return (await this.send(message.id, target, prepared)).verdict;

    const text = this.keys.openBody(message.body);
    const files = await this.files.filesOf(message.id);
    // A message that began in parts goes on in parts, whatever the receiver announces meanwhile.
    const files1 = message.partsSent === 0 ? await this.extensions.files1Of(connection.otherAddress) : null;
    let partsSent = message.partsSent;
    if (files1 && fitsFiles1(text, files, files1)) {
      const manifest = files.length > 0 ? files.map((file) => this.manifestEntry(file)) : null;
      const attempt = this.preparePart(message.id, text, messageNonce(message.id), connection, manifest);
      await this.outbox.create(attempt.entry);
      const sent = await this.send(message.id, target, attempt);
      if (sent.verdict.kind !== 'delivered' || files.length === 0 || sent.files1Announced) return sent.verdict;
      // The receiver stored the text but no longer announces files-1, so it ignored the manifest: the files go as
      // links after it (files.md §3).
      partsSent = firstLinkIndex(text, this.config.messageMaxChars);
      if (!(await this.partAccepted(message.id, owner, partsSent))) return { kind: 'lost' };
    }

    // The text's parts, then (read only once the text is out) the links' parts: each accepted part is recorded, so a
    // retry goes on after it; the last part's acceptance is the message's delivery.
    const max = this.config.messageMaxChars;
    const textParts = letterParts(message.id, text, [], max);
    const textDone = await this.sendParts(message.id, owner, target, textParts, partsSent, files.length === 0);
    if (files.length === 0 || textDone.kind !== 'delivered') return textDone;
    const linkParts = letterParts(message.id, text, await this.linkTexts(message.id, files), max);
    const start = firstLinkIndex(text, max);
    return this.sendParts(
      message.id,
      owner,
      target,
      linkParts.filter((part) => part.index >= start),
      partsSent,
      true,
    );
  }

  /** Sends the parts not accepted yet, in order, each only after the one before; `final`: the last one ends the message. */
  private async sendParts(
    messageId: string,
    owner: string,
    target: { domain: string; receiverId: string; connection: DeliveryConnection },
    parts: LetterPart[],
    partsSent: number,
    final: boolean,
  ): Promise<Verdict> {
    const last = parts.at(-1);
    for (const part of parts) {
      if (part.index < partsSent) continue;
      const attempt = this.preparePart(messageId, part.text, part.nonce, target.connection, null);
      await this.outbox.create(attempt.entry);
      const { verdict } = await this.send(messageId, target, attempt);
      if (verdict.kind !== 'delivered' || (final && part === last)) return verdict;
      if (!(await this.partAccepted(messageId, owner, part.index + 1))) return { kind: 'lost' };
    }
    // Every part was accepted before (the process stopped before recording the end).
    return { kind: 'delivered' };
  }

  private partAccepted(messageId: string, owner: string, partsSent: number): Promise<boolean> {
    const leaseUntil = new Date(Date.now() + this.config.delivery.leaseSeconds * 1000);
    return this.queue.recordPartsSent(messageId, owner, partsSent, leaseUntil);
  }

  private manifestEntry(file: OutgoingFile): ManifestFile {
    return {
      id: file.id,
      name: file.name,
      type: manifestContentType(file.contentType),
      size: file.size,
      sha256: file.sha256 ?? '',
      key: this.fileKeys.open(file.fileKey).toString('hex'),
      chunkSize: file.chunkSize,
    };
  }

  private async linkTexts(messageId: string, files: OutgoingFile[]): Promise<string[]> {
    const links = new Map((await this.links.linksFor(messageId)).map((link) => [link.attachmentId, link]));
    const lines = files.flatMap((file) => {
      const link = links.get(file.id);
      return link
        ? [
            {
              name: file.name,
              size: file.size,
              contentType: file.contentType,
              url: link.url,
              expiresAt: link.expiresAt,
            },
          ]
        : [];
    });
    return fileLinkLines(lines, this.config.messageMaxChars);
  }

  /** One message-receive; `files1Announced`: the receiver's success answer listed files-1. */
  private async send(
    messageId: string,
    target: { domain: string; receiverId: string; connection: DeliveryConnection },
    attempt: PreparedAttempt,
  ): Promise<{ verdict: Verdict; files1Announced: boolean }> {
    const { domain, receiverId, connection } = target;
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
        files: attempt.files,
      }),
    );
    // No answer (a timeout, a crash, an HTTP 500) proves nothing, even after a confirmation: the
    // receiver confirms before it stores. The next attempt, with the same nonce, finds out.
    if (!response.ok) {
      if (response.kind === 'refused_target')
        return {
          verdict: { kind: 'failed', code: 'refused_target', reason: response.message },
          files1Announced: false,
        };
      return { verdict: { kind: 'retry', code: response.kind, reason: response.message }, files1Announced: false };
    }
    const outcome = readPeerOutcome(response.json);
    // The receiver's own word that it stored the message (SM_S888; a bare success counts as such).
    if (outcome.success)
      return { verdict: { kind: 'delivered' }, files1Announced: parseAnnouncement(response.json).files1 !== null };
    // SM_S888 beside an error flag is no success: an unknown error.
    const code = outcome.responseCode === null || outcome.responseCode === 'SM_S888' ? 'SM_E000' : outcome.responseCode;
    const reason = `${domain}: ${outcome.errorMessage}`;
    // A receiver that holds this message (or part) with its files answers SM_E007 to a repeat: the files were taken
    // with it then, so a files-1 repeat counts as delivered with its files.
    if (code === 'SM_E007')
      return {
        verdict: await this.alreadyStored(messageId, entry.id, entry.messageNonce, reason),
        files1Announced: true,
      };
    return {
      verdict: isPermanentFailure(code) ? { kind: 'failed', code, reason } : { kind: 'retry', code, reason },
      files1Announced: false,
    };
  }

  /**
   * SM_E007 ("this nonce was used before") proves the receiver stored the message only if an
   * earlier attempt got past its message-confirm callback: a receiver stores nothing we did not
   * confirm, so without such an attempt this nonce never reached a store, and the answer is not
   * believed. This attempt's own confirmation then proves nothing either: it is dropped, so a
   * later retry does not count it.
   */
  private async alreadyStored(messageId: string, entryId: string, nonce: string, reason: string): Promise<Verdict> {
    if (await this.outbox.confirmedBefore(messageId, nonce, entryId)) return { kind: 'delivered' };
    await this.outbox.delete(entryId);
    return { kind: 'failed', code: 'SM_E007', reason: `${reason} (no earlier attempt of this message reached it)` };
  }

  private async record(message: ClaimedMessage, owner: string, verdict: Verdict): Promise<string | null> {
    if (verdict.kind === 'lost') return null;
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

/** Whether the message goes whole, with its files, to a node that announced these limits. */
function fitsFiles1(text: string, files: readonly OutgoingFile[], limits: Files1Limits): boolean {
  return (
    codePointLength(text) <= limits.maxTextChars &&
    files.length <= limits.maxFiles &&
    files.every((file) => file.size <= limits.maxFileBytes && file.sha256 !== null)
  );
}
