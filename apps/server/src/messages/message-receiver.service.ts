import { Injectable, Logger } from '@nestjs/common';
import {
  checkFreshness,
  constantTimeEqual,
  type ErrorResponseCode,
  filesHash,
  filesNonceRepeatsMessageNonce,
  type ManifestFile,
  openFilesPackage,
  readFilesFields,
  isResponseCode,
  messageErrorReply,
  type MessageErrorReply,
  messageHash,
  type MessageReceiveRequest,
  messageSuccessReply,
  type MessageSuccessReply,
  openMessage,
  packageNonce,
  parseAddress,
  readPeerOutcome,
  unixSeconds,
} from '@openmsg/core';
import { ConnectionsRepository } from '../connections/connections.repository';
import { isUniqueViolation } from '../database/unique-violation';
import { PeerExtensionsService } from '../peer-extensions/peer-extensions.service';
import { PeerGateway } from '../peers/peer-gateway';
import { MessageWriter } from './message-writer.service';

/** Answers POST /openmsg/message-receive/: checks, confirms with the sender's domain, decrypts and stores. */
@Injectable()
export class MessageReceiverService {
  private readonly logger = new Logger(MessageReceiverService.name);

  constructor(
    private readonly connections: ConnectionsRepository,
    private readonly writer: MessageWriter,
    private readonly peers: PeerGateway,
    private readonly extensions: PeerExtensionsService,
  ) {}

  async receive(request: MessageReceiveRequest, now = new Date()): Promise<MessageSuccessReply | MessageErrorReply> {
    const connection = await this.connections.findForReceiving(
      request.receiving_openmsg_address_id,
      request.ident_code,
    );
    if (!connection) return messageErrorReply('SM_E001', 'no connection between these users');
    if (connection.blocked || !connection.account.allowReplies)
      return messageErrorReply('SM_E002', 'this address accepts no messages');

    const expected = messageHash(
      request.message_package,
      connection.authCode,
      request.message_salt,
      request.message_timestamp.text,
    );
    if (!constantTimeEqual(expected, request.message_hash))
      return messageErrorReply('SM_E004', 'the message hash could not be recreated');

    // files-1 (docs/extensions/files.md §3), only while this node announces it: otherwise the fields are ignored,
    // as a v1.0 node ignores them, and the sender sends the files as links when our answer does not list files-1.
    const limits = this.extensions.ownFiles1();
    const files = limits ? readFilesFields(request) : ({ ok: true, fields: null } as const);
    if (!files.ok) return messageErrorReply('SM_E000', files.problem, 'files_manifest_invalid');
    if (
      files.fields &&
      !constantTimeEqual(
        filesHash(files.fields.filesPackage, request.message_hash, connection.authCode),
        files.fields.filesHash,
      )
    )
      return messageErrorReply('SM_E004', 'the files hash could not be recreated');

    const freshness = checkFreshness(request.message_timestamp.seconds, unixSeconds(now));
    if (freshness !== 'fresh') {
      return messageErrorReply(
        'SM_E005',
        freshness === 'expired' ? 'the message is more than 60 s old' : 'the message timestamp is in the future',
      );
    }

    const nonce = packageNonce(request.message_package);
    if (!nonce) return messageErrorReply('SM_E006', 'the message package is corrupt');
    if (files.fields && filesNonceRepeatsMessageNonce(files.fields.filesPackage, request.message_package))
      return messageErrorReply('SM_E006', 'the files package repeats the message nonce');

    const senderDomain = parseAddress(connection.otherAddress)?.domain;
    if (!senderDomain) return messageErrorReply('SM_E001', 'the stored connection has no valid address');
    const confirmation = await this.confirmWithSender(senderDomain, request.message_hash, nonce);
    if (confirmation) return confirmation;

    const opened = openMessage(request.message_package, connection.messageCryptKey);
    if (!opened.ok) return messageErrorReply('SM_E006', 'invalid key or corrupt message');
    let manifest: ManifestFile[] = [];
    if (files.fields && limits) {
      const openedFiles = openFilesPackage(files.fields.filesPackage, connection.messageCryptKey, limits);
      if (!openedFiles.ok) {
        return openedFiles.failure === 'undecryptable'
          ? messageErrorReply('SM_E006', 'invalid key or corrupt files package')
          : messageErrorReply(
              'SM_E000',
              `the files manifest is not valid: ${openedFiles.problem}`,
              'files_manifest_invalid',
            );
      }
      manifest = openedFiles.files;
    }

    // The nonce is checked here, after the callback as PROTOCOL.md orders it, by the unique key the
    // store writes: the check and the store are one step, so two copies arriving at once cannot both
    // pass. A sender retries with the same package and a fresh hash, which its node confirms like
    // any attempt, so a re-sent message already stored here gets SM_E007, and our sender takes that
    // as proof of delivery. A read before the callback would cost every message a query for nothing.
    try {
      await this.writer.writeIncoming(
        {
          accountId: connection.accountId,
          connectionId: connection.id,
          otherAddress: connection.otherAddress,
          text: opened.text,
          nonce,
          // Only a changed name is written: most messages carry the same one.
          senderName:
            request.sending_openmsg_address_name !== connection.otherName ? request.sending_openmsg_address_name : null,
          createdAt: now,
        },
        manifest,
      );
      return messageSuccessReply();
    } catch (error) {
      if (isUniqueViolation(error)) {
        this.logger.warn({ msg: 'replayed nonce refused', connection: connection.id });
        return messageErrorReply('SM_E007', 'this nonce was used before on this connection');
      }
      throw error;
    }
  }

  /** The domain comes from the stored connection, never from the request. Null when the sender confirmed. */
  private async confirmWithSender(domain: string, hash: string, nonce: string): Promise<MessageErrorReply | null> {
    const response = await this.peers.post(domain, 'message-confirm', { message_hash: hash, message_nonce: nonce });
    if (!response.ok) {
      if (response.status === 404) return messageErrorReply('SM_E003', `${domain} does not know this message`);
      return messageErrorReply('SM_E000', `could not confirm the message with ${domain}`, 'unknown_error');
    }
    const outcome = readPeerOutcome(response.json);
    if (outcome.success) return null;
    const code: ErrorResponseCode =
      isResponseCode(outcome.responseCode) && outcome.responseCode !== 'SM_S888' ? outcome.responseCode : 'SM_E003';
    return messageErrorReply(code, `${domain} did not confirm the message: ${outcome.errorMessage}`);
  }
}
