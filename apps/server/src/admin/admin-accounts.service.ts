import { Injectable } from '@nestjs/common';
import { type AccountRole, type AdminAccount, type Page, type ResetPasswordResult, toBase64Url } from '@openmsg/core';
import { randomBytes } from 'node:crypto';
import { AccountsService } from '../accounts/accounts.service';
import { PasswordService } from '../auth/password.service';
import { SessionsService } from '../auth/sessions.service';
import { decodeCursor, encodeCursor } from '../http/page-cursor';
import { ApiException } from '../http/api-error';
import { type AdminAccountRow, AdminAccountsRepository } from './admin-accounts.repository';
import { type AdminActor, AuditLogService } from './audit-log.service';

/**
 * What an admin does to accounts. Disabling, resetting and deleting reuse the rules of the
 * accounts and auth modules (sessions end, tokens are revoked, a deletion keeps a tombstone); this
 * service adds the console's own: never to oneself, never the last active admin, and an audit
 * entry for each change (one per change: a repeated disable that changes nothing records nothing).
 */
@Injectable()
export class AdminAccountsService {
  constructor(
    private readonly repository: AdminAccountsRepository,
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditLogService,
  ) {}

  async search(q: string | undefined, limit: number, cursor: string | undefined): Promise<Page<AdminAccount>> {
    const rows = await this.repository.search(q, limit + 1, decodeCursor(cursor));
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => this.view(row)),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  async disable(actor: AdminActor, addressId: string): Promise<AdminAccount> {
    const target = await this.target(actor, addressId);
    if (target.disabledAt) return this.view(target);
    if (
      await this.repository.disableKeepingAnAdmin(target.id, actorId(actor), new Date(), { alreadyDisabled: false })
    ) {
      await this.sessions.endAll(target.id);
      await this.audit.record(actor, 'account.disable', this.accounts.addressOf(target));
      return this.view(await this.target(actor, addressId));
    }
    const now = await this.target(actor, addressId);
    if (now.disabledAt) return this.view(now); // another call disabled it meanwhile
    return this.refused(now);
  }

  async enable(actor: AdminActor, addressId: string): Promise<AdminAccount> {
    const target = await this.target(actor, addressId);
    if (await this.repository.enable(target.id, new Date()))
      await this.audit.record(actor, 'account.enable', this.accounts.addressOf(target));
    return this.view(await this.target(actor, addressId));
  }

  async resetPassword(actor: AdminActor, addressId: string): Promise<ResetPasswordResult> {
    const target = await this.target(actor, addressId);
    const password = toBase64Url(randomBytes(12));
    const { revokedTokens } = await this.passwords.reset(target.id, password);
    const address = this.accounts.addressOf(target);
    await this.audit.record(actor, 'account.reset_password', address, { revokedTokens });
    return { address, password, revokedTokens };
  }

  /** Disabled first, under the last-admin rule; then deleted as the owner would (exactly one of concurrent deletes succeeds). */
  async delete(actor: AdminActor, addressId: string): Promise<void> {
    const target = await this.target(actor, addressId);
    if (
      !(await this.repository.disableKeepingAnAdmin(target.id, actorId(actor), new Date(), { alreadyDisabled: true }))
    )
      await this.refused(await this.target(actor, addressId));
    try {
      await this.accounts.delete(target.id);
    } catch (error) {
      if (error instanceof ApiException && error.code === 'unauthenticated') throw notFound(addressId); // deleted meanwhile
      throw error;
    }
    await this.audit.record(actor, 'account.delete', this.accounts.addressOf(target));
  }

  private async target(actor: AdminActor, addressId: string): Promise<AdminAccountRow> {
    const target = await this.repository.find(addressId);
    if (!target) throw notFound(addressId);
    if (target.id === actor.id)
      throw new ApiException('own_account', 'an admin cannot do this to their own account: use Settings');
    return target;
  }

  /** Why a guarded change changed nothing: it would have left no active admin, or the actor lost the role meanwhile (404, as on any admin route). */
  private async refused(target: AdminAccountRow): Promise<never> {
    if (target.role === 'admin' && (await this.repository.counts()).admins <= 1) throw new ApiException('last_admin');
    throw new ApiException('not_found', 'not found');
  }

  private view(row: AdminAccountRow): AdminAccount {
    return {
      id: row.id,
      addressId: row.addressId,
      address: this.accounts.addressOf(row),
      displayName: row.displayName,
      role: row.role as AccountRole,
      disabledAt: row.disabledAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

function actorId(actor: AdminActor): string {
  if (!actor.id) throw new Error('an account action needs an admin account as its actor');
  return actor.id;
}

function notFound(addressId: string) {
  return new ApiException('not_found', `no account with number ${addressId}`);
}
