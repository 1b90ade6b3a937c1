import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { HandshakeModule } from '../handshake/handshake.module';
import { MessagesModule } from '../messages/messages.module';
import { PeerExtensionsModule } from '../peer-extensions/peer-extensions.module';
import { PeersModule } from '../peers/peers.module';
import { FederationController } from './federation.controller';
import { FederationEndpoints } from './federation-endpoints.service';

@Module({
  imports: [HandshakeModule, MessagesModule, DeliveryModule, PeersModule, PeerExtensionsModule],
  controllers: [FederationController],
  providers: [FederationEndpoints],
})
export class FederationModule {}
