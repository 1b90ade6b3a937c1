import { Injectable } from '@nestjs/common';
import {
  constantTimeEqual,
  FILES_1_REFUSAL_REASONS,
  files1ReceiptHash,
  type Files1RefusalReason,
  isFiles1TimestampFresh,
  parseFiles1ReceiptRequest,
  unixSeconds,
} from '@openmsg/core';
import { EventBus } from '../events/event-bus';
import { type Files1Refusal, files1Refusal } from './file-serving.service';
import { ServedFilesRepository } from './served-files.repository';

/**
 * Serves `POST /openmsg/files-1/receipt/` (docs/extensions/files.md §8): the receiver holds the file, hash verified
 * ("stored": the file is delivered), or gave it up ("refused", with its reason). Checked like a fetch; the first
 * receipt decides and the same receipt again is answered success, so a receiver may retry until it hears the answer.
 */
@Injectable()
export class FileReceiptsService {
  constructor(
    private readonly files: ServedFilesRepository,
    private readonly events: EventBus,
  ) {}

  async receive(body: unknown, now = new Date()): Promise<{ ok: true; reply: { success: true } } | Files1Refusal> {
    const parsed = parseFiles1ReceiptRequest(body);
    if (!parsed.ok) return files1Refusal('FL_E000', parsed.message);
    const request = parsed.value;

    const connections = await this.files.connectionsByIdentCode(request.ident_code);
    if (connections.length === 0) return files1Refusal('FL_E001', 'no such connection');
    // The hash covers the file's SHA-256, so the file is looked up first: among the files sent on these connections.
    const file = await this.files.findSentFile(
      request.file_id,
      connections.map((connection) => connection.id),
    );
    const connection = file ? connections.find((candidate) => candidate.id === file.connectionId) : undefined;
    if (!file || !file.sha256 || !connection) return files1Refusal('FL_E002', 'no such file on this connection');
    const expected = files1ReceiptHash({
      fileId: request.file_id,
      status: request.status,
      reason: request.reason,
      fileSha256: file.sha256,
      authCode: connection.authCode,
      salt: request.receipt_salt,
      timestamp: request.receipt_timestamp.text,
    });
    if (!constantTimeEqual(expected, request.receipt_hash))
      return files1Refusal('FL_E004', 'the receipt hash could not be recreated', 'receipt_hash_invalid');
    if (!isFiles1TimestampFresh(request.receipt_timestamp.seconds, unixSeconds(now)))
      return files1Refusal('FL_E005', 'the receipt timestamp is more than 60 s away from now', 'receipt_expired');

    const changed = await this.files.recordReceipt(
      file.id,
      request.status === 'stored'
        ? { state: 'delivered', failureCode: null }
        : { state: 'refused', failureCode: knownReason(request.reason) },
    );
    if (changed) {
      const state = await this.files.messageState(file.messageId);
      if (state)
        this.events.emit({ type: 'message.updated', accountId: file.accountId, messageId: file.messageId, state });
    }
    return { ok: true, reply: { success: true } };
  }
}

/** A reason a later version adds is shown as "refused" without one this node could put into words. */
function knownReason(reason: string): Files1RefusalReason | null {
  return (FILES_1_REFUSAL_REASONS as readonly string[]).includes(reason) ? (reason as Files1RefusalReason) : null;
}
