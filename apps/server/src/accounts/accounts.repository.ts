import { Injectable } from '@nestjs/common';
import { tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class AccountsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
  ) {}

  findActiveByAddressId(addressId: string) {
    return this.prisma.account.findFirst({ where: { addressId, disabledAt: null } });
  }

  findByAddressId(addressId: string) {
    return this.prisma.account.findUnique({ where: { addressId } });
  }

  findById(id: string) {
    return this.prisma.account.findUnique({ where: { id } });
  }

  create(data: { addressId: string; displayName: string; allowReplies?: boolean; passwordHash?: string | null }) {
    return this.prisma.account.create({ data });
  }

  update(
    id: string,
    data: { displayName?: string; allowReplies?: boolean; passwordHash?: string; disabledAt?: Date | null },
  ) {
    return this.prisma.account.update({ where: { id }, data });
  }

  isAddressIdTaken(addressId: string) {
    return this.prisma.account.count({ where: { addressId } }).then((count) => count > 0);
  }

  list() {
    return this.prisma.account.findMany({ orderBy: { createdAt: 'asc' } });
  }

  /**
   * Deletes what the account holds and keeps its row as a tombstone (deletedAt, disabled, no
   * password, no name), so its address is never given out again. True for the one call that did
   * it; every other call, at the same time or later, changes nothing and gets false.
   *
   * Connections go before messages: deleting a connection sets its messages' connectionId to null
   * (and waits for a message being stored on it to commit), so the next statement, which deletes by
   * account, also takes what arrived meanwhile; a message stored after that finds no connection
   * and is refused by its foreign key.
   */
  async deleteAndKeepTombstone(accountId: string, now: Date): Promise<boolean> {
    const [tombstoned] = await this.db.transaction(
      [
        tables
          .updateTable('Account')
          .set((eb) => ({
            deletedAt: now,
            disabledAt: eb.fn.coalesce('disabledAt', eb.val(now)),
            passwordHash: null,
            displayName: '',
            updatedAt: now,
          }))
          .where('id', '=', accountId)
          .where('deletedAt', 'is', null),
        tables.deleteFrom('PushSubscription').where('accountId', '=', accountId),
        tables.deleteFrom('Session').where('accountId', '=', accountId),
        tables.deleteFrom('ApiToken').where('accountId', '=', accountId),
        tables.deleteFrom('PassCode').where('accountId', '=', accountId),
        tables.deleteFrom('PendingHandshake').where('accountId', '=', accountId),
        tables.deleteFrom('Connection').where('accountId', '=', accountId),
        ...freeAllFiles(accountId),
        tables.deleteFrom('Message').where('accountId', '=', accountId),
        tables.deleteFrom('Attachment').where('accountId', '=', accountId),
      ],
      { lockKeys: [`account-delete:${accountId}`] },
    );
    return tombstoned === 1;
  }
}

/**
 * Before the account's messages and files go: the node's count of file bytes (FileStorageUsage, see
 * files/file-quota.repository.ts) loses every byte the account's files hold, and the account's own count goes. Written
 * here because files stands on the same floor as accounts (no import between them).
 */
function freeAllFiles(accountId: string) {
  return [
    tables
      .updateTable('FileStorageUsage')
      .set((eb) => ({
        bytes: eb(
          'bytes',
          '-',
          eb
            .selectFrom('Attachment')
            .select((sub) => sub.fn.coalesce(sub.fn.sum<number>('reservedBytes'), sub.lit(0)).as('held'))
            .where('accountId', '=', accountId),
        ),
      }))
      .where('key', '=', 'node'),
    tables.deleteFrom('FileStorageUsage').where('key', '=', `account:${accountId}`),
  ];
}
