import { PeerExtensionsModule } from '../peer-extensions/peer-extensions.module';
import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { MessagesModule } from '../messages/messages.module';
import { MetricsModule } from '../metrics/metrics.module';
import { EventStreamsGauge } from './event-streams-gauge';
import { EventStreamController } from './event-stream.controller';
import { EventStreamsService } from './event-streams.service';
import { StreamEventMapper } from './stream-event-mapper';

@Module({
  imports: [ConnectionsModule, MessagesModule, MetricsModule, PeerExtensionsModule],
  controllers: [EventStreamController],
  providers: [EventStreamsService, StreamEventMapper, EventStreamsGauge],
  exports: [EventStreamsService],
})
export class RealtimeModule {}
