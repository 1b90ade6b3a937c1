import { Inject, Injectable } from '@nestjs/common';
import type { FileQuotaUsage } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiException } from '../http/api-error';
import { AttachmentChunksRepository } from './attachment-chunks.repository';
import { AttachmentsRepository, type OwnedAttachment } from './attachments.repository';
import { chunkCount, openChunk } from './file-cipher';
import { FileKeys, openThumbnail } from './file-keys';
import { FileQuotaRepository } from './file-quota.repository';

/** Raster types the node decodes itself for previews: the only files it ever serves inline. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** A file ready to be streamed to its owner: what the headers say, and its opened bytes. */
export interface FileDownload {
  name: string;
  contentType: string;
  size: number;
  inline: boolean;
  bytes: AsyncIterable<Buffer>;
}

/** Reading a user's own files back: whole files opened chunk by chunk, previews, and the storage used. */
@Injectable()
export class FileDownloadsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attachments: AttachmentsRepository,
    private readonly chunks: AttachmentChunksRepository,
    private readonly fileKeys: FileKeys,
    private readonly quota: FileQuotaRepository,
  ) {}

  /**
   * A whole file of the account: held completely (uploaded, sent, or received with its hash verified), else 404 as
   * for another account's file. Inline only when asked and the node made a preview of it (a raster image it decoded).
   */
  async content(accountId: string, id: string, wantInline: boolean): Promise<FileDownload> {
    const file = await this.attachments.findOwned(accountId, id);
    if (!file || !isWhole(file)) throw notFound();
    const inline = wantInline && Number(file.thumbnailMade) === 1 && INLINE_TYPES.has(file.contentType);
    return {
      name: file.name,
      contentType: file.contentType,
      size: file.size,
      inline,
      bytes: this.opened(file),
    };
  }

  /** The preview (WebP) the node made of an image, opened. */
  async thumbnail(accountId: string, id: string): Promise<Buffer> {
    const found = await this.attachments.findThumbnail(accountId, id);
    const opened = found && openThumbnail(this.fileKeys.open(found.fileKey), found.thumbnail);
    if (!opened) throw notFound();
    return opened;
  }

  async usage(accountId: string): Promise<FileQuotaUsage> {
    return { usedBytes: await this.quota.usedBytes(accountId), quotaBytes: this.config.files.accountQuotaBytes };
  }

  private async *opened(file: OwnedAttachment): AsyncGenerator<Buffer> {
    const key = this.fileKeys.open(file.fileKey);
    const last = chunkCount(file.size, file.chunkSize) - 1;
    for await (const chunk of this.chunks.readChunks(file.id)) {
      const plain = openChunk(key, chunk.index, chunk.index === last, chunk.data);
      // Headers are sent by now: a chunk that does not open cuts the stream short, which the client sees.
      if (!plain) throw new Error(`chunk ${chunk.index} of attachment ${file.id} does not open`);
      yield plain;
    }
  }
}

/** Every byte is here and checked: an upload that finished, a sent file, a received one whose hash was verified. */
function isWhole(file: OwnedAttachment): boolean {
  if (file.storedBytes !== file.size) return false;
  if (file.remoteId !== null) return file.state === 'stored';
  return file.state === 'ready' || file.state === 'delivered' || file.state === 'refused';
}

function notFound() {
  return new ApiException('not_found', 'file not found');
}
