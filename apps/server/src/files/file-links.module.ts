import { Module } from '@nestjs/common';
import { RateLimitsModule } from '../rate-limits/rate-limits.module';
import { FileLinksRepository } from './file-links.repository';
import { FileLinksService } from './file-links.service';
import { FilesModule } from './files.module';
import { SharedFilesController } from './shared-files.controller';

/**
 * Download links for files sent to nodes without files-1 (docs/extensions/files.md §6): made for delivery
 * (FileLinksService.linksFor), served to anyone holding one (SharedFilesController).
 */
@Module({
  imports: [FilesModule, RateLimitsModule],
  controllers: [SharedFilesController],
  providers: [FileLinksRepository, FileLinksService],
  exports: [FileLinksService],
})
export class FileLinksModule {}
