import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { HandshakeModule } from '../handshake/handshake.module';
import { PeerExtensionsModule } from '../peer-extensions/peer-extensions.module';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

@Module({
  imports: [ConnectionsModule, HandshakeModule, PeerExtensionsModule],
  controllers: [ContactsController],
  providers: [ContactsService],
  exports: [ContactsService],
})
export class ContactsModule {}
