import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AttachmentChunksRepository } from './attachment-chunks.repository';
import { FILE_CHUNK_SIZE, chunkCount, newFileKey, openChunk, sealChunk } from './file-cipher';
import { FileKeys, sealThumbnail } from './file-keys';
import { IMAGE_MAX_INPUT_BYTES } from './images/image-decoding';
import { sniffImageFormat } from './images/image-format';
import { stripLocation } from './images/image-location';
import { makePreview } from './images/image-preview';
import { FinishedUploadsRepository, type SealedPreview } from './images/finished-uploads.repository';

/**
 * What happens once an upload's last byte is stored, before its PATCH is answered: one pass over the stored chunks
 * computes the SHA-256 of the plaintext (what the manifest carries) and, for an image the node decodes (told by its
 * bytes, at most IMAGE_MAX_INPUT_BYTES), keeps its bytes; then, unless the uploader kept it, the image's location is
 * removed (new chunks under a new key, new size and hash), the preview is made and sealed with the file's key, and
 * only then is the upload `ready` to be sent. Any other file is streamed once and never held whole.
 */
@Injectable()
export class UploadFinisher {
  private readonly logger = new Logger(UploadFinisher.name);

  constructor(
    private readonly uploads: FinishedUploadsRepository,
    private readonly chunks: AttachmentChunksRepository,
    private readonly fileKeys: FileKeys,
  ) {}

  async finish(attachmentId: string): Promise<void> {
    const upload = await this.uploads.findWhole(attachmentId);
    if (!upload) return;
    const key = this.fileKeys.open(upload.fileKey);
    const last = chunkCount(upload.size, upload.chunkSize) - 1;
    const hash = createHash('sha256');
    let image: Buffer | null = null;
    let held = 0;
    for await (const chunk of this.chunks.readChunks(attachmentId)) {
      const plain = openChunk(key, chunk.index, chunk.index === last, chunk.data);
      if (!plain) throw new Error(`chunk ${chunk.index} of attachment ${attachmentId} does not open`);
      hash.update(plain);
      if (chunk.index === 0 && upload.size <= IMAGE_MAX_INPUT_BYTES && sniffImageFormat(plain))
        image = Buffer.allocUnsafe(upload.size);
      if (image) held += plain.copy(image, held);
    }
    const sha256 = hash.digest('hex');
    const now = new Date();
    if (!image) {
      await this.uploads.markReady(attachmentId, sha256, null, now);
      return;
    }

    const original = image;
    const stripped = upload.keepLocation ? { outcome: 'none' as const } : await stripLocation(original);
    if (stripped.outcome === 'failed')
      this.logger.warn(`attachment ${attachmentId}: an image with a location too large or broken to re-encode`);
    if (stripped.outcome !== 'stripped') {
      await this.uploads.markReady(attachmentId, sha256, await this.preview(original, key), now);
      return;
    }

    const bytes = stripped.bytes;
    const newKey = newFileKey();
    const count = chunkCount(bytes.length, FILE_CHUNK_SIZE);
    const sealed = Array.from({ length: count }, (_, index) =>
      sealChunk(
        newKey,
        index,
        index === count - 1,
        bytes.subarray(index * FILE_CHUNK_SIZE, (index + 1) * FILE_CHUNK_SIZE),
      ),
    );
    await this.uploads.replaceAndMarkReady(
      upload,
      {
        fileKey: this.fileKeys.seal(newKey),
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        chunks: sealed,
        preview: await this.preview(bytes, newKey),
      },
      now,
    );
  }

  /**
   * The preview of a received file, once it is stored with its hash verified (file-transfer calls this): the receiving
   * node decodes the image itself, never trusting the sender's type; its bytes stay as the sender's hash says.
   */
  async previewReceived(attachmentId: string): Promise<void> {
    const file = await this.uploads.findReceivedWithoutPreview(attachmentId);
    if (!file || file.size > IMAGE_MAX_INPUT_BYTES) return;
    const key = this.fileKeys.open(file.fileKey);
    const image = await this.imageBytes(attachmentId, key, chunkCount(file.size, file.chunkSize) - 1);
    const preview = image && (await this.preview(image, key));
    if (preview) await this.uploads.setPreview(attachmentId, preview);
  }

  /** A file's plaintext when its first bytes show an image the node decodes; null (after one chunk) otherwise. */
  private async imageBytes(attachmentId: string, key: Buffer, last: number): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    for await (const chunk of this.chunks.readChunks(attachmentId)) {
      const plain = openChunk(key, chunk.index, chunk.index === last, chunk.data);
      if (!plain) throw new Error(`chunk ${chunk.index} of attachment ${attachmentId} does not open`);
      if (chunk.index === 0 && !sniffImageFormat(plain)) return null;
      parts.push(plain);
    }
    return Buffer.concat(parts);
  }

  private async preview(bytes: Buffer, key: Buffer): Promise<SealedPreview | null> {
    const made = await makePreview(bytes);
    return made && { thumbnail: sealThumbnail(key, made.webp), width: made.width, height: made.height };
  }
}
