import { Module } from '@nestjs/common';
import { AttachmentChunksRepository } from './attachment-chunks.repository';

/** STAND-IN (branch fetch) until helper "store"'s FilesModule lands on main. */
@Module({ providers: [AttachmentChunksRepository], exports: [AttachmentChunksRepository] })
export class FilesModule {}
