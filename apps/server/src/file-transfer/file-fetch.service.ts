import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  buildFiles1FetchRequest,
  buildFiles1ReceiptRequest,
  FILES_1_FETCH_PATH,
  FILES_1_RECEIPT_PATH,
  files1FailureAction,
  type Files1RefusalReason,
  parseAddress,
  readPeerOutcome,
} from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { retryDelayMs } from '../delivery/backoff';
import { EventBus } from '../events/event-bus';
import { AttachmentChunksRepository } from '../files/attachment-chunks.repository';
import { chunkCount, FILE_TAG_BYTES, openChunk, plainChunkLength } from '../files/file-cipher';
import { FileKeys } from '../files/file-keys';
import { UploadFinisher } from '../files/upload-finisher';
import { FileQuotaRepository } from '../files/file-quota.repository';
import { PeerExtensionsService } from '../peer-extensions/peer-extensions.service';
import { PeerClient } from '../peers/peer-client';
import { PeerGateway } from '../peers/peer-gateway';
import { type ClaimedFile, FetchQueueRepository } from './fetch-queue.repository';
import { FileReceiptsService } from './file-receipts.service';
import { FileServingService } from './file-serving.service';
import { FetchStreamError, sealedChunkFrames } from './sealed-chunk-frames';
import { ProgressThrottle } from './transfer-progress';

const DAY_MS = 24 * 3600 * 1000;

/** Why an attempt ended without the file: tried again later, or given up with a receipt's reason. */
class AttemptFailed extends Error {
  constructor(
    message: string,
    readonly giveUp: Files1RefusalReason | null = null,
  ) {
    super(message);
    this.name = 'AttemptFailed';
  }
}

/** The lease this attempt holds, kept alive while it runs; `lost` when another process took the file over. */
export interface HeldLease {
  readonly owner: string;
  /** Renews the lease if a third of it has passed; throws when it was lost. */
  keep(): Promise<void>;
  readonly signal: AbortSignal;
}

/**
 * One attempt on a received file (docs/extensions/files.md §4, §7, §8): fetch what is missing from the sender's node
 * (the domain of the stored connection; in-process when the sender is on this node), open each chunk as it arrives
 * and keep it before reading the next, check the SHA-256 of the whole plaintext, then tell the sender with a receipt.
 * A crash anywhere resumes from the chunks held; a failure is tried again with back-off for the fetch days, then the
 * file is refused "expired".
 */
@Injectable()
export class FileFetchService {
  private readonly logger = new Logger(FileFetchService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: FetchQueueRepository,
    private readonly chunks: AttachmentChunksRepository,
    private readonly quota: FileQuotaRepository,
    private readonly fileKeys: FileKeys,
    private readonly extensions: PeerExtensionsService,
    private readonly peers: PeerGateway,
    private readonly client: PeerClient,
    private readonly serving: FileServingService,
    private readonly receipts: FileReceiptsService,
    private readonly events: EventBus,
    private readonly finisher: UploadFinisher,
  ) {}

  /** An image's preview, made here from the verified bytes; the file is stored whether or not one can be made. */
  private async makePreview(attachmentId: string): Promise<void> {
    try {
      await this.finisher.previewReceived(attachmentId);
    } catch (error) {
      this.logger.warn({
        msg: 'no preview for a received file',
        attachment: attachmentId,
        reason: (error as Error).message,
      });
    }
  }

  async run(file: ClaimedFile, lease: HeldLease): Promise<void> {
    const now = new Date();
    if (file.state === 'fetching') {
      const fetched = await this.fetchOnce(file, lease, now);
      if (fetched === null) return;
      file = { ...file, ...fetched, completedAt: new Date() };
    }
    if (file.receiptPending) await this.sendReceipt(file, lease.owner);
    else await this.queue.receiptDone(file.id, lease.owner);
  }

  /** The file's new state when it reached one (stored or refused); null when it waits for another attempt. */
  private async fetchOnce(
    file: ClaimedFile,
    lease: HeldLease,
    now: Date,
  ): Promise<Pick<ClaimedFile, 'state' | 'failureCode' | 'receiptPending'> | null> {
    if (!file.connection) return this.refuse(file, lease.owner, 'gone', false);
    if (now.getTime() > file.createdAt.getTime() + this.config.files.fetchDays * DAY_MS)
      return this.refuse(file, lease.owner, 'expired', true);
    if (file.size > this.config.files.maxFileBytes) return this.refuse(file, lease.owner, 'too_large', true);
    try {
      const digest = await this.fetchAndVerify(file, file.connection, lease);
      if (digest !== file.sha256) return this.refuse(file, lease.owner, 'hash_mismatch', true);
      if (!(await this.queue.markStored(file.id, lease.owner, new Date()))) return null;
      await this.makePreview(file.id);
      this.changed(file, 'stored');
      return { state: 'stored', failureCode: null, receiptPending: true };
    } catch (error) {
      if (error instanceof AttemptFailed && error.giveUp) return this.refuse(file, lease.owner, error.giveUp, true);
      // More bytes than the manifest announced: the sender is not sending this file (files.md §7).
      if (error instanceof FetchStreamError && error.reason === 'too_long')
        return this.refuse(file, lease.owner, 'too_large', true);
      if (!(error instanceof AttemptFailed) && !(error instanceof FetchStreamError) && !lease.signal.aborted)
        this.logger.error({ msg: 'file fetch crashed', attachment: file.id, error: (error as Error).message });
      else this.logger.warn({ msg: 'file fetch failed', attachment: file.id, reason: (error as Error).message });
      await this.queue.retryLater(file.id, lease.owner, this.nextAttempt(file.attempts));
      return null;
    }
  }

  /**
   * Brings the held chunks up to the whole file and returns the SHA-256 of its plaintext: the chunks held from an
   * earlier attempt are read and opened once more (so the digest covers every byte), then the rest is fetched.
   */
  private async fetchAndVerify(
    file: ClaimedFile,
    connection: NonNullable<ClaimedFile['connection']>,
    lease: HeldLease,
  ): Promise<string> {
    // Before the first byte: the whole file's room in the account's and the node's quota (once: a resumed fetch holds it).
    const room = await this.quota.reserveFor(file.accountId, file.id, file.size);
    if (room !== 'ok') throw new AttemptFailed(`no room for the file (${room})`, 'quota_full');
    const key = this.fileKeys.open(file.fileKey);
    const count = chunkCount(file.size, file.chunkSize);
    const isLast = (index: number) => index === count - 1;
    const hash = createHash('sha256');

    let next = 0;
    const held = await this.chunks.countChunks(file.id);
    if (held > 0) {
      for await (const chunk of this.chunks.readChunks(file.id, 0)) {
        if (chunk.index !== next) break;
        const plain = openChunk(key, next, isLast(next), chunk.data);
        if (!plain) break;
        hash.update(plain);
        next++;
        if (next === held || next === count) break;
        await lease.keep();
      }
      if (next !== held) throw new Error(`the chunks held of file ${file.id} are not whole (${next} of ${held})`);
    }
    if (next === count) return hash.digest('hex');

    const source = await this.openSource(file, connection, next, lease.signal);
    const throttle = new ProgressThrottle();
    let storedBytes = next * file.chunkSize;
    try {
      const frames = sealedChunkFrames(
        source.chunks,
        next,
        count,
        (index) => plainChunkLength(file.size, file.chunkSize, index) + FILE_TAG_BYTES,
      );
      for await (const { index, sealed } of frames) {
        const plain = openChunk(key, index, isLast(index), sealed);
        if (!plain) throw new AttemptFailed(`chunk ${index} does not open`);
        await lease.keep();
        storedBytes += plain.length;
        await this.chunks.appendChunk(file.id, index, sealed, storedBytes);
        hash.update(plain);
        if (throttle.due(isLast(index))) this.progress(file, storedBytes);
      }
    } finally {
      source.close();
    }
    return hash.digest('hex');
  }

  /** The sealed chunks from `fromChunk` on: the sender's answer streamed, or this node's own served in-process. */
  private async openSource(
    file: ClaimedFile,
    connection: NonNullable<ClaimedFile['connection']>,
    fromChunk: number,
    signal: AbortSignal,
  ): Promise<{ chunks: AsyncIterable<Buffer>; close: () => void }> {
    const domain = parseAddress(connection.otherAddress)?.domain;
    if (!domain) throw new AttemptFailed('the stored connection has no valid address', 'gone');
    // files.md §1: no extension request to a node whose last announcement does not list it (it may come back).
    if (!(await this.extensions.files1Of(connection.otherAddress)))
      throw new AttemptFailed(`${domain} does not announce files-1 now`);
    const request = buildFiles1FetchRequest({
      identCode: connection.identCode,
      authCode: connection.authCode,
      fileId: file.remoteId,
      fromChunk,
    });
    const expected =
      file.size +
      FILE_TAG_BYTES * chunkCount(file.size, file.chunkSize) -
      fromChunk * (file.chunkSize + FILE_TAG_BYTES);

    if (this.peers.isLocal(domain)) {
      // The same checks as over HTTP, on the body as it would arrive.
      const served = await this.serving.open(JSON.parse(JSON.stringify(request)));
      if (!served.ok) throw this.refused(served.status, served.reply);
      if (served.length !== expected) throw new AttemptFailed(`${served.length} bytes offered, ${expected} expected`);
      return { chunks: served.chunks, close: () => void served.chunks.return(undefined) };
    }

    const answer = await this.client.openStream(domain, FILES_1_FETCH_PATH, request, {
      idleTimeoutMs: this.config.peerTimeoutMs,
    });
    if (!answer.ok) {
      if (answer.kind === 'http_status') throw this.refused(answer.status ?? 0, answer.json);
      throw new AttemptFailed(answer.message);
    }
    if (answer.contentLength !== null && answer.contentLength !== expected) {
      answer.body.destroy();
      throw new AttemptFailed(
        `the sender announced ${answer.contentLength} bytes, ${expected} expected`,
        answer.contentLength > expected ? 'too_large' : null,
      );
    }
    const body = answer.body;
    const abort = () => body.destroy(new Error('the fetch was stopped'));
    signal.addEventListener('abort', abort, { once: true });
    return {
      chunks: body,
      close: () => {
        signal.removeEventListener('abort', abort);
        body.destroy();
      },
    };
  }

  private refused(status: number, json: unknown): AttemptFailed {
    const { action, code } = files1FailureAction(status, json);
    return new AttemptFailed(
      `the sender answered HTTP ${status}${code ? ` ${code}` : ''}`,
      action === 'gone' ? 'gone' : null,
    );
  }

  private async refuse(
    file: ClaimedFile,
    owner: string,
    reason: Files1RefusalReason,
    receipt: boolean,
  ): Promise<Pick<ClaimedFile, 'state' | 'failureCode' | 'receiptPending'> | null> {
    if (!(await this.queue.markRefused(file, owner, reason, receipt, new Date()))) return null;
    this.logger.warn({ msg: 'received file refused', attachment: file.id, reason });
    this.changed(file, 'refused');
    return { state: 'refused', failureCode: reason, receiptPending: receipt };
  }

  /** Tells the sender, until it answers (or the fetch days are over). */
  private async sendReceipt(file: ClaimedFile, owner: string): Promise<void> {
    const connection = file.connection;
    const domain = connection ? parseAddress(connection.otherAddress)?.domain : undefined;
    const since = file.completedAt ?? file.createdAt;
    if (!connection || !domain || Date.now() > since.getTime() + this.config.files.fetchDays * DAY_MS) {
      await this.queue.receiptDone(file.id, owner);
      return;
    }
    if (!(await this.extensions.files1Of(connection.otherAddress))) {
      await this.queue.retryLater(file.id, owner, this.nextAttempt(file.attempts));
      return;
    }
    const request = buildFiles1ReceiptRequest({
      identCode: connection.identCode,
      authCode: connection.authCode,
      fileId: file.remoteId,
      fileSha256: file.sha256,
      status: file.state === 'stored' ? 'stored' : 'refused',
      reason: file.state === 'stored' ? '' : ((file.failureCode ?? 'gone') as Files1RefusalReason),
    });
    let answered: { ok: boolean; status: number; json: unknown };
    if (this.peers.isLocal(domain)) {
      const reply = await this.receipts.receive(JSON.parse(JSON.stringify(request)));
      answered = { ok: reply.ok, status: reply.ok ? 200 : reply.status, json: reply.reply };
    } else {
      const response = await this.client.postAt(domain, FILES_1_RECEIPT_PATH, request);
      answered = response.ok
        ? { ok: true, status: 200, json: response.json }
        : { ok: false, status: response.status ?? 0, json: response.json };
    }
    if (answered.ok && readPeerOutcome(answered.json).success) {
      await this.queue.receiptDone(file.id, owner);
      return;
    }
    // The sender no longer has the file or the connection: there is nobody left to tell.
    if (!answered.ok && files1FailureAction(answered.status, answered.json).action === 'gone') {
      await this.queue.receiptDone(file.id, owner);
      return;
    }
    this.logger.warn({ msg: 'file receipt not answered', attachment: file.id, status: answered.status });
    await this.queue.retryLater(file.id, owner, this.nextAttempt(file.attempts));
  }

  private nextAttempt(attempts: number): Date {
    const { baseMs, maxMs } = this.config.delivery.retry;
    return new Date(Date.now() + retryDelayMs(attempts, baseMs, maxMs));
  }

  private progress(file: ClaimedFile, storedBytes: number): void {
    this.events.emit({
      type: 'attachment.progress',
      accountId: file.accountId,
      attachmentId: file.id,
      messageId: file.messageId,
      conversationId: file.conversationId,
      progressBytes: storedBytes,
    });
  }

  /** The message's view shows its files: a file stored or refused changes it. */
  private changed(file: ClaimedFile, state: 'stored' | 'refused'): void {
    this.events.emit({
      type: 'message.updated',
      accountId: file.accountId,
      messageId: file.messageId,
      state: 'received',
    });
    if (state === 'stored') this.progress(file, file.size);
  }
}
