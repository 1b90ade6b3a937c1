import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { HandshakeModule } from '../handshake/handshake.module';
import { MessagesModule } from '../messages/messages.module';
import { PassCodesModule } from '../passcodes/passcodes.module';
import { MaintenanceService } from './maintenance.service';
import { QueryPlanner } from './query-planner';

@Module({
  imports: [PassCodesModule, HandshakeModule, MessagesModule, DeliveryModule],
  providers: [MaintenanceService, QueryPlanner],
  exports: [MaintenanceService],
})
export class MaintenanceModule {}
