import { Module } from '@nestjs/common';
import { AttachmentChunksRepository } from './attachment-chunks.repository';
import { AttachmentsRepository } from './attachments.repository';
import { FileKeys } from './file-keys';
import { FileQuotaRepository } from './file-quota.repository';

/**
 * Files (docs/extensions/files.md): attachment rows and their sealed chunks in the database, the quotas, uploads (tus)
 * and downloads. Other modules take the repositories from here (the writer attaches uploads, file-transfer fetches).
 */
@Module({
  providers: [AttachmentsRepository, AttachmentChunksRepository, FileQuotaRepository, FileKeys],
  exports: [AttachmentsRepository, AttachmentChunksRepository, FileQuotaRepository, FileKeys],
})
export class FilesModule {}
