import { Injectable } from '@nestjs/common';
import { type ChangePasswordResponse, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@openmsg/core';
import { AccountsRepository } from '../accounts/accounts.repository';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { hashPassword, verifyPassword } from './password-hasher';
import { SessionsService } from './sessions.service';
import { ApiException } from '../http/api-error';

/**
 * A new password ends the account's other sessions and revokes all its personal access tokens:
 * whoever knew the old password may have made a token with it, and a token outlives sessions.
 */
@Injectable()
export class PasswordService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
  ) {}

  async change(
    accountId: string,
    current: string,
    next: string,
    keepSessionId?: string,
  ): Promise<ChangePasswordResponse> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw new ApiException('not_found', 'account not found');
    if (!account.passwordHash || !(await verifyPassword(current, account.passwordHash))) {
      throw new ApiException('wrong_password', undefined, { fields: ['currentPassword'] });
    }
    await this.accounts.update(accountId, { passwordHash: await hashPassword(next) });
    await this.sessions.endAll(accountId, keepSessionId);
    return { revokedTokens: await this.tokens.revokeAll(accountId) };
  }

  /** The operator's reset (admin CLI): every session of the account ends, every token is revoked. */
  async reset(accountId: string, next: string): Promise<ChangePasswordResponse> {
    if (next.length < MIN_PASSWORD_LENGTH || next.length > MAX_PASSWORD_LENGTH) {
      throw new ApiException(
        'validation_failed',
        `a password has ${MIN_PASSWORD_LENGTH}-${MAX_PASSWORD_LENGTH} characters`,
        { fields: ['password'] },
      );
    }
    await this.accounts.update(accountId, { passwordHash: await hashPassword(next) });
    await this.sessions.endAll(accountId);
    return { revokedTokens: await this.tokens.revokeAll(accountId) };
  }
}
