import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { MessagesModule } from '../messages/messages.module';
import { ConversationsController } from './conversations.controller';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';

@Module({
  imports: [ConnectionsModule, MessagesModule],
  controllers: [ConversationsController],
  providers: [ConversationsRepository, ConversationsService],
})
export class ConversationsModule {}
