import { Module } from '@nestjs/common';
import { PeersModule } from '../peers/peers.module';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { DeliveryQueueRepository } from './delivery-queue.repository';
import { DeliveryWorker } from './delivery-worker.service';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

@Module({
  imports: [PeersModule],
  providers: [DeliveryQueueRepository, OutboxRepository, OutboxService, DeliveryAttemptService, DeliveryWorker],
  exports: [DeliveryQueueRepository, DeliveryWorker, OutboxService, OutboxRepository],
})
export class DeliveryModule {}
