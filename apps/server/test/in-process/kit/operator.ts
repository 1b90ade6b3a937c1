import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountsRepository } from '../../../src/accounts/accounts.repository';
import { AccountsService } from '../../../src/accounts/accounts.service';
import { InvitationsService } from '../../../src/auth/invitations.service';
import { PasswordService } from '../../../src/auth/password.service';
import { SessionsService } from '../../../src/auth/sessions.service';
import type { AppConfig } from '../../../src/config/app-config';

/**
 * What the admin CLI does for the operator, through the same services, in the test's process (the
 * CLI itself is tested end to end in test/process/operator-cli.test.ts).
 */
export class Operator {
  constructor(
    private readonly app: NestFastifyApplication,
    private readonly config: AppConfig,
  ) {}

  private async account(addressId: string) {
    return this.app.get(AccountsService).findByAddressIdOrFail(addressId);
  }

  async resetPassword(addressId: string, password: string): Promise<{ revokedTokens: number }> {
    return this.app.get(PasswordService).reset((await this.account(addressId)).id, password);
  }

  async disableUser(addressId: string): Promise<void> {
    const account = await this.account(addressId);
    await this.app.get(AccountsService).update(account.id, { disabledAt: new Date() });
    await this.app.get(SessionsService).endAll(account.id);
  }

  async enableUser(addressId: string): Promise<void> {
    await this.app.get(AccountsService).update((await this.account(addressId)).id, { disabledAt: null });
  }

  async listUsers(): Promise<Array<{ address: string; disabled: boolean }>> {
    const accounts = this.app.get(AccountsService);
    return (await this.app.get(AccountsRepository).list()).map((row) => ({
      address: accounts.addressOf(row),
      disabled: Boolean(row.disabledAt),
    }));
  }

  async deleteUser(addressId: string): Promise<void> {
    const accounts = this.app.get(AccountsService);
    await accounts.delete((await accounts.findByAddressIdOrFail(addressId)).id);
  }

  async createInvite(note: string): Promise<{ code: string }> {
    return this.app.get(InvitationsService).create(note);
  }

  get domain(): string {
    return this.config.domain;
  }
}
