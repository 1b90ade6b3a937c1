import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { PeerExtensionsModule } from '../peer-extensions/peer-extensions.module';
import { PeersModule } from '../peers/peers.module';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { DeliveryQueueRepository } from './delivery-queue.repository';
import { DeliveryWorker } from './delivery-worker.service';
import { FileLinksForDelivery } from './file-links.port';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { OutgoingFilesRepository } from './outgoing-files.repository';

/**
 * Until the files module's FileLinksService is merged (helper "legacy"), a message with files toward a node without
 * files-1 cannot get its links: its attempt fails and is retried (nothing is lost or sent half).
 */
class FileLinksNotYetAvailable extends FileLinksForDelivery {
  linksFor(): Promise<never> {
    return Promise.reject(new Error('download links are not available on this node yet'));
  }
}

@Module({
  imports: [PeersModule, PeerExtensionsModule, FilesModule],
  providers: [
    DeliveryQueueRepository,
    OutboxRepository,
    OutboxService,
    DeliveryAttemptService,
    DeliveryWorker,
    OutgoingFilesRepository,
    { provide: FileLinksForDelivery, useClass: FileLinksNotYetAvailable },
  ],
  exports: [DeliveryQueueRepository, DeliveryWorker, OutboxService, OutboxRepository, OutgoingFilesRepository],
})
export class DeliveryModule {}
