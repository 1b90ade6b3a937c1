import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { FilesModule } from '../files/files.module';
import { PeerExtensionsModule } from '../peer-extensions/peer-extensions.module';
import { PeersModule } from '../peers/peers.module';
import { MessageReceiverService } from './message-receiver.service';
import { MessageWriter } from './message-writer.service';
import { MessageWritingRepository } from './message-writing.repository';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

@Module({
  imports: [ConnectionsModule, DeliveryModule, PeersModule, PeerExtensionsModule, FilesModule],
  controllers: [MessagesController],
  providers: [MessagesRepository, MessageWritingRepository, MessageWriter, MessagesService, MessageReceiverService],
  exports: [MessagesRepository, MessageWriter, MessagesService, MessageReceiverService],
})
export class MessagesModule {}
