import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { API_ERRORS, type ApiErrorCode, fileNameProblem, UPLOAD_METADATA } from '@openmsg/core';
import { DataStore, ERRORS, Upload } from '@tus/utils';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { apiErrorBody } from '../http/api-error';
import { AttachmentChunksRepository } from './attachment-chunks.repository';
import { AttachmentsRepository, type UploadRow } from './attachments.repository';
import { chunkCount, FILE_CHUNK_SIZE, newFileKey, sealChunk } from './file-cipher';
import { FileKeys } from './file-keys';
import { normalizedContentType } from './content-type';
import { currentUploadAccount } from './upload-account';
import { UploadFinisher } from './upload-finisher';

/** An error tus answers with our client API's error shape (its status and JSON body). */
export function uploadError(code: ApiErrorCode, message: string = API_ERRORS[code].message) {
  return { status_code: API_ERRORS[code].status, body: JSON.stringify(apiErrorBody(code, message)) };
}

/**
 * tus's data store over the database: an upload is an Attachment row (state `uploading`, no message yet) owned by
 * the requesting account, its bytes sealed chunk by chunk as AttachmentChunk rows. The offset is the row's
 * storedBytes, so any replica resumes an upload any other one started.
 *
 * Only whole chunks are stored (and the file's last, shorter one): a PATCH cut off in the middle of a chunk keeps
 * the whole chunks before the cut and answers (or a HEAD tells) that offset, and the client resends from there. So a
 * PATCH must end on a multiple of the chunk size or at the file's end (tus-js-client does with its default
 * chunkSize, or a chunkSize that is a multiple of 262,144); the endpoint refuses one that would not.
 */
@Injectable()
export class DatabaseUploadStore extends DataStore {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attachments: AttachmentsRepository,
    private readonly chunks: AttachmentChunksRepository,
    private readonly fileKeys: FileKeys,
    private readonly finisher: UploadFinisher,
  ) {
    super();
    this.extensions = ['creation', 'creation-with-upload', 'termination'];
  }

  /** The upload's row, its declared size reserved against the quotas (nothing is created when they have no room). */
  override async create(upload: Upload): Promise<Upload> {
    const size = upload.size;
    if (size === undefined) throw ERRORS.INVALID_LENGTH;
    if (size > this.config.files.maxFileBytes) throw uploadError('attachment_too_large');
    const name = upload.metadata?.[UPLOAD_METADATA.name] ?? '';
    const problem = fileNameProblem(name);
    if (problem) throw uploadError('file_name_invalid', problem);
    const key = newFileKey();
    const outcome = await this.attachments.createUpload({
      id: upload.id,
      accountId: currentUploadAccount(),
      name,
      contentType: normalizedContentType(upload.metadata?.[UPLOAD_METADATA.type]),
      size,
      fileKey: this.fileKeys.seal(key),
      chunkSize: FILE_CHUNK_SIZE,
      keepLocation: upload.metadata?.[UPLOAD_METADATA.keepLocation] === '1',
      createdAt: new Date(),
    });
    if (outcome !== 'ok') throw uploadError(outcome);
    if (size === 0) {
      // An empty file is one empty chunk (files.md §5); no PATCH will come.
      await this.chunks.appendChunk(upload.id, 0, sealChunk(key, 0, true, Buffer.alloc(0)), 0);
      await this.finisher.finish(upload.id);
    }
    upload.creation_date = new Date().toISOString();
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    return asTusUpload(await this.owned(id));
  }

  override async remove(id: string): Promise<void> {
    if (!(await this.attachments.deleteUpload(currentUploadAccount(), id))) throw ERRORS.FILE_NOT_FOUND;
  }

  /**
   * Seals and stores the body's bytes chunk by chunk, each chunk with the new offset in one write, reading the next
   * bytes only once a chunk is stored (the request's memory stays at about one chunk). A chunk another request stored
   * meanwhile (the same upload on two replicas) stops this one with 409.
   */
  override async write(body: Readable, id: string, offset: number): Promise<number> {
    const upload = await this.owned(id);
    if (offset !== upload.storedBytes) throw ERRORS.INVALID_OFFSET;
    if (upload.state !== 'uploading') return upload.storedBytes;
    const key = this.fileKeys.open(upload.fileKey);
    const last = chunkCount(upload.size, upload.chunkSize) - 1;
    let stored = offset;
    const pending = new PendingBytes();
    const nextChunkBytes = () => Math.min(upload.chunkSize, upload.size - stored);
    for await (const piece of body as AsyncIterable<Buffer>) {
      pending.push(piece);
      while (stored < upload.size && pending.length >= nextChunkBytes()) {
        const plain = pending.take(nextChunkBytes());
        const index = stored / upload.chunkSize;
        const sealed = sealChunk(key, index, index === last, plain);
        if (!(await this.chunks.appendChunk(id, index, sealed, stored + plain.length))) throw ERRORS.INVALID_OFFSET;
        stored += plain.length;
      }
    }
    if (stored === upload.size) await this.finisher.finish(id);
    return stored;
  }

  private async owned(id: string): Promise<UploadRow> {
    const upload = await this.attachments.findUpload(currentUploadAccount(), id);
    if (!upload) throw ERRORS.FILE_NOT_FOUND;
    return upload;
  }
}

function asTusUpload(row: UploadRow): Upload {
  return new Upload({
    id: row.id,
    size: row.size,
    offset: row.storedBytes,
    metadata: { [UPLOAD_METADATA.name]: row.name, [UPLOAD_METADATA.type]: row.contentType },
    creation_date: row.createdAt.toISOString(),
  });
}

/** Bytes received and not yet sealed: at most one chunk and the piece that completed it. */
class PendingBytes {
  private pieces: Buffer[] = [];
  length = 0;

  push(piece: Buffer): void {
    this.pieces.push(piece);
    this.length += piece.length;
  }

  take(bytes: number): Buffer {
    const all = this.pieces.length === 1 ? (this.pieces[0] as Buffer) : Buffer.concat(this.pieces, this.length);
    const taken = all.subarray(0, bytes);
    const rest = all.subarray(bytes);
    this.pieces = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return taken;
  }
}
