import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { MessagesModule } from '../messages/messages.module';
import { EventStreamController } from './event-stream.controller';
import { EventStreamsService } from './event-streams.service';
import { StreamEventMapper } from './stream-event-mapper';

@Module({
  imports: [ConnectionsModule, MessagesModule],
  controllers: [EventStreamController],
  providers: [EventStreamsService, StreamEventMapper],
  exports: [EventStreamsService],
})
export class RealtimeModule {}
