import { Module } from '@nestjs/common';
import { AttachmentChunksRepository } from './attachment-chunks.repository';
import { AttachmentsRepository } from './attachments.repository';
import { FileDownloadsService } from './file-downloads.service';
import { FileKeys } from './file-keys';
import { FilesController } from './files.controller';
import { FileQuotaRepository } from './file-quota.repository';
import { FinishedUploadsRepository } from './images/finished-uploads.repository';
import { UploadFinisher } from './upload-finisher';
import { DatabaseUploadStore } from './upload-store';
import { UploadsEndpoint } from './uploads-endpoint';

/**
 * Files (docs/extensions/files.md): attachment rows and their sealed chunks in the database, the quotas, uploads (tus)
 * and downloads. Other modules take the repositories from here (the writer attaches uploads, file-transfer fetches).
 */
@Module({
  controllers: [FilesController],
  providers: [
    FileDownloadsService,
    AttachmentsRepository,
    AttachmentChunksRepository,
    FileQuotaRepository,
    FileKeys,
    FinishedUploadsRepository,
    UploadFinisher,
    DatabaseUploadStore,
    UploadsEndpoint,
  ],
  exports: [AttachmentsRepository, AttachmentChunksRepository, FileQuotaRepository, FileKeys, UploadFinisher],
})
export class FilesModule {}
