import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AttachmentChunksRepository } from './attachment-chunks.repository';
import { AttachmentsRepository } from './attachments.repository';
import { chunkCount, openChunk } from './file-cipher';
import { FileKeys } from './file-keys';

/**
 * What happens once an upload's last byte is stored, before its PATCH is answered: one pass over the stored chunks
 * computes the SHA-256 of the plaintext (what the manifest carries), then the upload is `ready` to be sent.
 */
@Injectable()
export class UploadFinisher {
  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly chunks: AttachmentChunksRepository,
    private readonly fileKeys: FileKeys,
  ) {}

  async finish(attachmentId: string): Promise<void> {
    const upload = await this.attachments.findForFinishing(attachmentId);
    if (!upload || upload.state !== 'uploading') return;
    const key = this.fileKeys.open(upload.fileKey);
    const last = chunkCount(upload.size, upload.chunkSize) - 1;
    const hash = createHash('sha256');
    for await (const chunk of this.chunks.readChunks(attachmentId)) {
      const plain = openChunk(key, chunk.index, chunk.index === last, chunk.data);
      if (!plain) throw new Error(`chunk ${chunk.index} of attachment ${attachmentId} does not open`);
      hash.update(plain);
    }
    await this.attachments.markReady(attachmentId, hash.digest('hex'), new Date());
  }
}
