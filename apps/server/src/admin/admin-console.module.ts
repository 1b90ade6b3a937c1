import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ConformanceModule } from '../conformance/conformance.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { AdminAccountsController } from './admin-accounts.controller';
import { AdminAccountsRepository } from './admin-accounts.repository';
import { AdminAccountsService } from './admin-accounts.service';
import { AdminAuditController } from './admin-audit.controller';
import { AdminDeliveryRepository } from './admin-delivery.repository';
import { AdminDeliveryService } from './admin-delivery.service';
import { AdminAuthorizer } from '../http/api-auth.guard';
import { AdminRoleAuthorizer } from './admin-role.authorizer';
import { AdminInvitationsRepository } from './admin-invitations.repository';
import { AdminInvitationsService } from './admin-invitations.service';
import { AdminNodeController } from './admin-node.controller';
import { AdminNodeService } from './admin-node.service';
import { AdminRolesService } from './admin-roles.service';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';
import { PeerFailureRecorder } from './peer-failure-recorder';
import { StorageUsageRepository } from './storage-usage.repository';
import { StorageUsageService } from './storage-usage.service';

/** The admin console's API (routes `admin: true` of the contract, only for accounts with the admin role) and the CLI's role commands. */
@Module({
  imports: [AccountsModule, DeliveryModule, ConformanceModule],
  controllers: [AdminAccountsController, AdminNodeController, AdminAuditController],
  providers: [
    { provide: AdminAuthorizer, useClass: AdminRoleAuthorizer },
    AdminAccountsRepository,
    AdminAccountsService,
    AdminDeliveryRepository,
    AdminDeliveryService,
    AdminInvitationsRepository,
    AdminInvitationsService,
    AdminNodeService,
    AdminRolesService,
    AuditLogRepository,
    AuditLogService,
    PeerFailureRecorder,
    StorageUsageRepository,
    StorageUsageService,
  ],
  exports: [AdminRolesService],
})
export class AdminConsoleModule {}
