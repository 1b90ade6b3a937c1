import { Inject, Injectable } from '@nestjs/common';
import { DISPLAY_NAME_RULE, formatAddress, isValidAddressId, isValidDisplayName, randomInt } from '@openmsg/core';
import type { AccountRole, Me } from '@openmsg/core';
import type { Account } from '@openmsg/db';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/unique-violation';
import { AccountsRepository } from './accounts.repository';
import { ApiException } from '../http/api-error';

const RANDOM_ID_DIGITS = 8;

function accountGone() {
  return new ApiException('unauthenticated', 'this account has been deleted');
}

export interface NewAccount {
  addressId?: string;
  displayName: string;
  allowReplies?: boolean;
  passwordHash?: string | null;
}

type AccountRow = Pick<Account, 'id' | 'addressId' | 'displayName' | 'allowReplies' | 'createdAt' | 'role'>;

@Injectable()
export class AccountsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsRepository,
  ) {}

  addressOf(account: { addressId: string }): string {
    return formatAddress({ id: account.addressId, domain: this.config.domain });
  }

  view(account: AccountRow): Me {
    return {
      id: account.id,
      address: this.addressOf(account),
      addressId: account.addressId,
      displayName: account.displayName,
      allowReplies: account.allowReplies,
      createdAt: account.createdAt.toISOString(),
      role: account.role as AccountRole,
    };
  }

  /** The ID is the user's pick if free, else random (never sequential, so IDs reveal nothing). */
  async create(input: NewAccount) {
    if (!isValidDisplayName(input.displayName)) {
      throw new ApiException('validation_failed', `display name must be ${DISPLAY_NAME_RULE}`, {
        fields: ['displayName'],
      });
    }
    const addressId = input.addressId ?? (await this.freeRandomId());
    if (!isValidAddressId(addressId) || addressId.length > 32) {
      throw new ApiException('validation_failed', 'address ID must be 1-32 digits', { fields: ['addressId'] });
    }
    if (await this.accounts.isAddressIdTaken(addressId))
      throw new ApiException('address_taken', `address ID ${addressId} is taken`);
    try {
      return await this.accounts.create({ ...input, addressId });
    } catch (error) {
      // Another sign-up took the same ID between the check and the insert.
      if (isUniqueViolation(error)) throw new ApiException('address_taken', `address ID ${addressId} is taken`);
      throw error;
    }
  }

  update(
    accountId: string,
    changes: { displayName?: string; allowReplies?: boolean; passwordHash?: string; disabledAt?: Date | null },
  ) {
    return this.accounts.update(accountId, changes);
  }

  /** A deleted account is not found: its row is only a tombstone that keeps the address taken. */
  async findByAddressIdOrFail(addressId: string) {
    const account = await this.accounts.findByAddressId(addressId);
    if (!account || account.deletedAt)
      throw new ApiException(
        'not_found',
        account ? `account ${addressId} was deleted` : `no account with ID ${addressId}`,
      );
    return account;
  }

  /** The signed-in account's row; one deleted meanwhile answers as signed out. */
  async findNotDeleted(accountId: string) {
    const account = await this.accounts.findById(accountId);
    if (!account || account.deletedAt) throw accountGone();
    return account;
  }

  /**
   * Deletes the account's sessions, tokens, pass codes, connections and messages (queued ones are
   * then never sent) and keeps the address reserved: no sign-up or operator can take it again, and
   * peers get SM_E001 for it. Exactly one of several concurrent calls succeeds.
   */
  async delete(accountId: string): Promise<void> {
    if (!(await this.accounts.deleteAndKeepTombstone(accountId, new Date()))) throw accountGone();
  }

  private async freeRandomId(): Promise<string> {
    for (;;) {
      const candidate = String(10 ** (RANDOM_ID_DIGITS - 1) + randomInt(9 * 10 ** (RANDOM_ID_DIGITS - 1)));
      if (!(await this.accounts.isAddressIdTaken(candidate))) return candidate;
    }
  }
}
