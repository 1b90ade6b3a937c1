import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { AdminAccountsRepository } from './admin-accounts.repository';
import { AuditLogService, CLI_ACTOR } from './audit-log.service';

/**
 * Granting and revoking the admin role: the operator's command line only (grant-admin, revoke-admin),
 * so that the console can never lock its operator out; each change is in the audit log. Revoking
 * the last admin is allowed here: the command line can always grant the role again.
 */
@Injectable()
export class AdminRolesService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly repository: AdminAccountsRepository,
    private readonly audit: AuditLogService,
  ) {}

  async set(
    addressId: string,
    role: 'user' | 'admin',
  ): Promise<{ address: string; role: 'user' | 'admin'; changed: boolean }> {
    const account = await this.accounts.findByAddressIdOrFail(addressId);
    const address = this.accounts.addressOf(account);
    const changed = await this.repository.setRole(addressId, role, new Date());
    if (changed) await this.audit.record(CLI_ACTOR, role === 'admin' ? 'role.grant' : 'role.revoke', address);
    return { address, role, changed };
  }
}
