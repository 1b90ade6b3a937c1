import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { HandshakeModule } from '../handshake/handshake.module';
import { MessagesModule } from '../messages/messages.module';
import { FederationController } from './federation.controller';

@Module({
  imports: [HandshakeModule, MessagesModule, DeliveryModule],
  controllers: [FederationController],
})
export class FederationModule {}
