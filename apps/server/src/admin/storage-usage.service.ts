import { Injectable } from '@nestjs/common';
import type { AccountStorage, StorageUsage } from '@openmsg/core';
import { AccountsService } from '../accounts/accounts.service';
import { StorageUsageRepository } from './storage-usage.repository';

type StorageKind = keyof AccountStorage['bytes'];

/**
 * Storage per account: the one place that knows what an account stores. Each kind of data is a
 * source of bytes per account (messages now; files add a source and a field of AccountStorage.bytes).
 */
@Injectable()
export class StorageUsageService {
  constructor(
    private readonly repository: StorageUsageRepository,
    private readonly accounts: AccountsService,
  ) {}

  private readonly sources: Record<StorageKind, () => Promise<Map<string, number>>> = {
    messages: () => this.repository.messageBytesPerAccount(),
  };

  async usage(limit: number): Promise<StorageUsage> {
    const kinds = Object.keys(this.sources) as StorageKind[];
    const perKind = await Promise.all(kinds.map((kind) => this.sources[kind]()));
    const totals = new Map<string, number>();
    for (const bytes of perKind)
      for (const [accountId, count] of bytes) totals.set(accountId, (totals.get(accountId) ?? 0) + count);
    const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, limit);
    const names = new Map((await this.repository.accounts(top.map(([id]) => id))).map((row) => [row.id, row]));
    const items = top.flatMap(([accountId, totalBytes]): AccountStorage[] => {
      const account = names.get(accountId);
      if (!account) return [];
      const bytes = Object.fromEntries(
        kinds.map((kind, i) => [kind, perKind[i]?.get(accountId) ?? 0]),
      ) as AccountStorage['bytes'];
      return [{ address: this.accounts.addressOf(account), displayName: account.displayName, bytes, totalBytes }];
    });
    return { items, totalBytes: [...totals.values()].reduce((sum, count) => sum + count, 0) };
  }
}
