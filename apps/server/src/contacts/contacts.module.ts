import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { HandshakeModule } from '../handshake/handshake.module';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

@Module({
  imports: [ConnectionsModule, HandshakeModule],
  controllers: [ContactsController],
  providers: [ContactsService],
  exports: [ContactsService],
})
export class ContactsModule {}
