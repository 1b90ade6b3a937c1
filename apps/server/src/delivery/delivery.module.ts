import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { FileLinksModule } from '../files/file-links.module';
import { FileLinksService } from '../files/file-links.service';
import { PeerExtensionsModule } from '../peer-extensions/peer-extensions.module';
import { PeersModule } from '../peers/peers.module';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { DeliveryQueueRepository } from './delivery-queue.repository';
import { DeliveryWorker } from './delivery-worker.service';
import { FileLinksForDelivery } from './file-links.port';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { OutgoingFilesRepository } from './outgoing-files.repository';

@Module({
  imports: [PeersModule, PeerExtensionsModule, FilesModule, FileLinksModule],
  providers: [
    DeliveryQueueRepository,
    OutboxRepository,
    OutboxService,
    DeliveryAttemptService,
    DeliveryWorker,
    OutgoingFilesRepository,
    { provide: FileLinksForDelivery, useExisting: FileLinksService },
  ],
  exports: [DeliveryQueueRepository, DeliveryWorker, OutboxService, OutboxRepository, OutgoingFilesRepository],
})
export class DeliveryModule {}
