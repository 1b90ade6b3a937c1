import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { HandshakeModule } from '../handshake/handshake.module';
import { MessagesModule } from '../messages/messages.module';
import { PassCodesModule } from '../passcodes/passcodes.module';
import { MaintenanceService } from './maintenance.service';

@Module({
  imports: [PassCodesModule, HandshakeModule, MessagesModule, DeliveryModule],
  providers: [MaintenanceService],
  exports: [MaintenanceService],
})
export class MaintenanceModule {}
