import { Injectable } from '@nestjs/common';
import { sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

export interface ConnectionRow {
  id: string;
  accountId: string;
  otherAddress: string;
  otherName: string | null;
  localName: string | null;
  otherAcceptsMessages: boolean;
  blocked: boolean;
  authCode: string;
  identCode: string;
  messageCryptKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConnectionData {
  otherName: string | null;
  otherAcceptsMessages: boolean;
  authCode: string;
  identCode: string;
  messageCryptKey: string;
}

@Injectable()
export class ConnectionsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
  ) {}

  /** With the account's display name, which a message sent on the connection carries. Direct statement: it runs for every message sent. */
  async find(accountId: string, otherAddress: string): Promise<(ConnectionRow & { accountDisplayName: string }) | null> {
    const rows = await this.db.query<ConnectionRow & { accountDisplayName: string }>(sql`
      SELECT c.*, a."displayName" AS "accountDisplayName"
      FROM "Connection" c JOIN "Account" a ON a."id" = c."accountId"
      WHERE c."accountId" = ${accountId} AND c."otherAddress" = ${otherAddress}
      LIMIT 1`);
    return rows[0] ?? null;
  }

  /** The connection a message-receive names: the receiving account's ID and the shared ident_code. Direct statement: it runs for every message. */
  async findForReceiving(addressId: string, identCode: string): Promise<(ConnectionRow & { account: { allowReplies: boolean } }) | null> {
    const rows = await this.db.query<ConnectionRow & { accountAllowReplies: boolean }>(sql`
      SELECT c.*, a."allowReplies" AS "accountAllowReplies"
      FROM "Connection" c JOIN "Account" a ON a."id" = c."accountId"
      WHERE c."identCode" = ${identCode} AND a."addressId" = ${addressId} AND a."disabledAt" IS NULL
      LIMIT 1`);
    const row = rows[0];
    if (!row) return null;
    const { accountAllowReplies, ...connection } = row;
    return { ...connection, account: { allowReplies: accountAllowReplies } };
  }

  /** One connection per pair of addresses: a new handshake replaces the secrets but keeps the row (and its history). */
  upsert(accountId: string, otherAddress: string, data: ConnectionData) {
    return this.prisma.connection.upsert({
      where: { accountId_otherAddress: { accountId, otherAddress } },
      create: { accountId, otherAddress, ...data },
      update: data,
    });
  }

  listForAccount(accountId: string) {
    return this.prisma.connection.findMany({ where: { accountId }, orderBy: { createdAt: 'desc' } });
  }

  /** A connection only when it belongs to the account: another user's ID reads as not found. */
  findOwned(accountId: string, id: string) {
    return this.prisma.connection.findFirst({ where: { id, accountId } });
  }

  updateOwned(accountId: string, id: string, data: { localName?: string | null; blocked?: boolean }) {
    return this.prisma.connection.updateMany({ where: { id, accountId }, data }).then(({ count }) => count === 1);
  }

  /** Deleting a contact deletes the conversation with it: its messages go in the same transaction. */
  async deleteOwned(accountId: string, id: string): Promise<boolean> {
    const [, deleted] = await this.prisma.$transaction([
      this.prisma.message.deleteMany({ where: { accountId, connectionId: id } }),
      this.prisma.connection.deleteMany({ where: { id, accountId } }),
    ]);
    return deleted.count === 1;
  }
}
