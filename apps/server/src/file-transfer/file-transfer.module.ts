import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { PeerExtensionsModule } from '../peer-extensions/peer-extensions.module';
import { PeersModule } from '../peers/peers.module';
import { FetchQueueRepository } from './fetch-queue.repository';
import { FetchWorker } from './fetch-worker.service';
import { FileFetchService } from './file-fetch.service';
import { FileReceiptsService } from './file-receipts.service';
import { FileServingService } from './file-serving.service';
import { ServedFilesRepository } from './served-files.repository';

/**
 * Files between nodes (docs/extensions/files.md §4, §8): serving the files this node sent to the nodes that fetch
 * them, and fetching the files it was sent, durably, with their receipts.
 */
@Module({
  imports: [FilesModule, PeersModule, PeerExtensionsModule],
  providers: [
    ServedFilesRepository,
    FileServingService,
    FileReceiptsService,
    FetchQueueRepository,
    FileFetchService,
    FetchWorker,
  ],
  exports: [FileServingService, FileReceiptsService, FetchWorker],
})
export class FileTransferModule {}
