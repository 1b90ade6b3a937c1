import { Module } from '@nestjs/common';
import { NodeSettingsRepository } from '../node-keys/node-settings.repository';
import { PushController } from './push.controller';
import { PushQueueRepository } from './push-queue.repository';
import { PushSender } from './push-sender';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';
import { PushWorker } from './push-worker.service';
import { PushService } from './push.service';
import { VapidKeysService } from './vapid-keys.service';

/**
 * Web Push (issue 25): browsers subscribe with the node's VAPID key, the receiver queues a notification per
 * subscription with each received message (push-queue.repository.ts), and the worker sends them off the delivery path.
 */
@Module({
  controllers: [PushController],
  providers: [
    NodeSettingsRepository,
    VapidKeysService,
    PushSubscriptionsRepository,
    PushService,
    PushQueueRepository,
    PushSender,
    PushWorker,
  ],
})
export class PushModule {}
