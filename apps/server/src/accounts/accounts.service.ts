import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { formatAddress, isValidAddressId, isValidDisplayName, randomInt } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AccountsRepository } from './accounts.repository';

const RANDOM_ID_DIGITS = 8;

export interface NewAccount {
  addressId?: string;
  displayName: string;
  allowReplies?: boolean;
  passwordHash?: string | null;
}

@Injectable()
export class AccountsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsRepository,
  ) {}

  addressOf(account: { addressId: string }): string {
    return formatAddress({ id: account.addressId, domain: this.config.domain });
  }

  /** The ID is the user's pick if free, else random (never sequential, so IDs reveal nothing). */
  async create(input: NewAccount) {
    if (!isValidDisplayName(input.displayName)) {
      throw new BadRequestException('display name must be 1-40 letters, digits and spaces');
    }
    const addressId = input.addressId ?? (await this.freeRandomId());
    if (!isValidAddressId(addressId) || addressId.length > 32) throw new BadRequestException('address ID must be 1-32 digits');
    if (await this.accounts.isAddressIdTaken(addressId)) throw new ConflictException(`address ID ${addressId} is taken`);
    return this.accounts.create({ ...input, addressId });
  }

  private async freeRandomId(): Promise<string> {
    for (;;) {
      const candidate = String(10 ** (RANDOM_ID_DIGITS - 1) + randomInt(9 * 10 ** (RANDOM_ID_DIGITS - 1)));
      if (!(await this.accounts.isAddressIdTaken(candidate))) return candidate;
    }
  }
}
