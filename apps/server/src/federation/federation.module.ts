import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { FileTransferModule } from '../file-transfer/file-transfer.module';
import { HandshakeModule } from '../handshake/handshake.module';
import { MessagesModule } from '../messages/messages.module';
import { PeerExtensionsModule } from '../peer-extensions/peer-extensions.module';
import { PeersModule } from '../peers/peers.module';
import { FederationController } from './federation.controller';
import { FederationEndpoints } from './federation-endpoints.service';
import { Files1Controller } from './files-1.controller';

@Module({
  imports: [HandshakeModule, MessagesModule, DeliveryModule, PeersModule, PeerExtensionsModule, FileTransferModule],
  controllers: [FederationController, Files1Controller],
  providers: [FederationEndpoints],
})
export class FederationModule {}
