import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { FilesModule } from '../files/files.module';
import { FileLinksModule } from '../files/file-links.module';
import { HandshakeModule } from '../handshake/handshake.module';
import { MessagesModule } from '../messages/messages.module';
import { PassCodesModule } from '../passcodes/passcodes.module';
import { MaintenanceService } from './maintenance.service';
import { QueryPlannerRepository } from './query-planner.repository';

@Module({
  imports: [PassCodesModule, HandshakeModule, MessagesModule, DeliveryModule, FilesModule, FileLinksModule],
  providers: [MaintenanceService, QueryPlannerRepository],
  exports: [MaintenanceService],
})
export class MaintenanceModule {}
