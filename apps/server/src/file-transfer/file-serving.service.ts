import { Injectable, Logger } from '@nestjs/common';
import {
  constantTimeEqual,
  files1ErrorReply,
  type Files1ErrorCode,
  FILES_1_ERRORS,
  files1FetchHash,
  type Files1ErrorReply,
  isFiles1TimestampFresh,
  parseFiles1FetchRequest,
  unixSeconds,
} from '@openmsg/core';
import { EventBus } from '../events/event-bus';
import { AttachmentChunksRepository } from '../files/attachment-chunks.repository';
import { chunkCount, encryptedLength, FILE_TAG_BYTES, plainChunkLength } from '../files/file-cipher';
import { type SentFile, ServedFilesRepository } from './served-files.repository';
import { ProgressThrottle } from './transfer-progress';

/** A files-1 request refused: the HTTP status and the JSON body of files.md §4's table. */
export interface Files1Refusal {
  ok: false;
  status: number;
  reply: Files1ErrorReply;
}

/** A fetch answered: exactly `length` bytes of sealed chunks, read from the database as the reader takes them. */
export interface ServedFetch {
  ok: true;
  length: number;
  chunks: AsyncGenerator<Buffer>;
}

export function files1Refusal(code: Files1ErrorCode, message: string, errorCode?: string): Files1Refusal {
  return { ok: false, status: FILES_1_ERRORS[code].status, reply: files1ErrorReply(code, message, errorCode) };
}

/**
 * Serves `POST /openmsg/files-1/fetch/` (docs/extensions/files.md §4): the connection by its ident code, the hash
 * (constant time) and the timestamp (60 s either way), then the file among the files sent on that connection, and
 * its stored chunks as they are (sealed with the file's key) from `from_chunk` on. Nothing is said about a file before
 * the request proved it holds the connection's auth code, and another connection's file is as unknown as a guessed id.
 */
@Injectable()
export class FileServingService {
  private readonly logger = new Logger(FileServingService.name);

  constructor(
    private readonly files: ServedFilesRepository,
    private readonly chunks: AttachmentChunksRepository,
    private readonly events: EventBus,
  ) {}

  async open(body: unknown, now = new Date()): Promise<ServedFetch | Files1Refusal> {
    const parsed = parseFiles1FetchRequest(body);
    if (!parsed.ok) return files1Refusal('FL_E000', parsed.message);
    const request = parsed.value;

    const connections = await this.files.connectionsByIdentCode(request.ident_code);
    if (connections.length === 0) return files1Refusal('FL_E001', 'no such connection');
    const proven = connections.filter((connection) =>
      constantTimeEqual(
        files1FetchHash({
          fileId: request.file_id,
          fromChunk: request.from_chunk,
          authCode: connection.authCode,
          salt: request.fetch_salt,
          timestamp: request.fetch_timestamp.text,
        }),
        request.fetch_hash,
      ),
    );
    if (proven.length === 0) return files1Refusal('FL_E004', 'the fetch hash could not be recreated');
    if (!isFiles1TimestampFresh(request.fetch_timestamp.seconds, unixSeconds(now)))
      return files1Refusal('FL_E005', 'the fetch timestamp is more than 60 s away from now');

    const file = await this.files.findSentFile(
      request.file_id,
      proven.map((connection) => connection.id),
    );
    if (!file) return files1Refusal('FL_E002', 'no such file on this connection');
    const count = chunkCount(file.size, file.chunkSize);
    if (request.from_chunk >= count)
      return files1Refusal('FL_E000', `from_chunk is past the file's last chunk (${count - 1})`);
    const length = encryptedLength(file.size, file.chunkSize) - request.from_chunk * (file.chunkSize + FILE_TAG_BYTES);
    return { ok: true, length, chunks: this.sealedChunks(file, request.from_chunk, count) };
  }

  /**
   * The chunks in order, read in small batches only as the receiver takes them (the HTTP answer pulls). A chunk
   * missing or of the wrong length ends the stream with an error: the answer is cut short of its Content-Length and
   * the receiver tries again, rather than receiving bytes that are not the file.
   */
  private async *sealedChunks(file: SentFile, fromChunk: number, count: number): AsyncGenerator<Buffer> {
    const throttle = new ProgressThrottle();
    let next = fromChunk;
    for await (const chunk of this.chunks.readChunks(file.id, fromChunk)) {
      if (
        chunk.index !== next ||
        chunk.data.length !== plainChunkLength(file.size, file.chunkSize, next) + FILE_TAG_BYTES
      ) {
        this.logger.error({ msg: 'a sent file is not whole in storage', attachment: file.id, chunk: next });
        throw new Error(`chunk ${next} of file ${file.id} is missing or damaged`);
      }
      yield chunk.data;
      next++;
      if (throttle.due(next === count)) await this.served(file, next);
      if (next === count) return;
    }
    this.logger.error({ msg: 'a sent file is not whole in storage', attachment: file.id, chunk: next });
    throw new Error(`file ${file.id} ends at chunk ${next} of ${count}`);
  }

  private async served(file: SentFile, served: number): Promise<void> {
    await this.files.recordServed(file.id, served);
    this.events.emit({
      type: 'attachment.progress',
      accountId: file.accountId,
      attachmentId: file.id,
      messageId: file.messageId,
      conversationId: file.conversationId,
      progressBytes: Math.min(file.size, served * file.chunkSize),
    });
  }
}
