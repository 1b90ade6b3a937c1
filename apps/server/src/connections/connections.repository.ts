import { Injectable } from '@nestjs/common';
import { type Account, type Connection, type Conversation, preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { isUniqueViolation } from '../database/unique-violation';
import { freeQuotaOf } from '../files/file-quota.repository';
import { NodeKeysService } from '../node-keys/node-keys.service';

/** The handshake's shared secrets. Callers always see them in clear; with a node key they are stored encrypted. */
export interface ConnectionSecrets {
  authCode: string;
  identCode: string;
  messageCryptKey: string;
}

/** A stored connection, its secrets in clear. */
export type ConnectionRow = Connection;

export interface ConnectionData extends ConnectionSecrets {
  otherName: string | null;
  otherAcceptsMessages: boolean;
}

/** What a user's views read of a connection: never its secrets. */
const WITHOUT_SECRETS = { authCode: true, identCode: true, messageCryptKey: true, identDigest: true } as const;

/** What a message sent on a connection carries besides the connection: the sender's name, and its conversation. */
interface ConnectionToSendOn {
  accountDisplayName: Account['displayName'];
  conversationId: Conversation['id'] | null;
}

const WITH_CONVERSATION = { conversation: { select: { id: true } } } as const;

/** Every connection has its conversation (made with it, or by the migration that added them). */
function withConversationId<T extends { conversation: Pick<Conversation, 'id'> | null }>(
  row: T,
): Omit<T, 'conversation'> & { conversationId: Conversation['id'] } {
  const { conversation, ...connection } = row;
  if (!conversation) throw new Error('a connection without its conversation');
  return { ...connection, conversationId: conversation.id };
}

/** A connection to send on, with what a message sent on it carries. It runs for every message sent. */
const connectionToSendOn = preparedQuery((p: { accountId: string; otherAddress: string }) =>
  tables
    .selectFrom('Connection as c')
    .innerJoin('Account as a', 'a.id', 'c.accountId')
    .leftJoin('Conversation as v', 'v.connectionId', 'c.id')
    .selectAll('c')
    .select(['a.displayName as accountDisplayName', 'v.id as conversationId'])
    .where('c.accountId', '=', p.accountId)
    .where('c.otherAddress', '=', p.otherAddress)
    .limit(1),
);

/** The connection an incoming message names, with its account's reply setting. They run for every message received. */
const connectionToReceiveOn = tables
  .selectFrom('Connection as c')
  .innerJoin('Account as a', 'a.id', 'c.accountId')
  .selectAll('c')
  .select('a.allowReplies as accountAllowReplies')
  .where('a.disabledAt', 'is', null)
  .limit(1);
const receivingByDigest = preparedQuery((p: { addressId: string; digest: string }) =>
  connectionToReceiveOn.where('c.identDigest', '=', p.digest).where('a.addressId', '=', p.addressId),
);
const receivingByIdentCode = preparedQuery((p: { addressId: string; identCode: string }) =>
  connectionToReceiveOn
    .where('c.identCode', '=', p.identCode)
    .where('c.identDigest', 'is', null)
    .where('a.addressId', '=', p.addressId),
);

@Injectable()
export class ConnectionsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
    private readonly keys: NodeKeysService,
  ) {}

  /** With the account's display name and the conversation, which a message sent on the connection carries. Direct statement: it runs for every message sent. */
  async find(accountId: string, otherAddress: string): Promise<(ConnectionRow & ConnectionToSendOn) | null> {
    const [row] = await this.db.query(connectionToSendOn.with({ accountId, otherAddress }));
    return row ? this.openSecrets(row) : null;
  }

  /**
   * The connection a message-receive names: the receiving account's ID and the shared ident_code.
   * With a node key the row is found by the ident code's keyed digest; a row without a digest (no
   * key, or written before the key was set or by an older version) by the ident code itself. Two
   * statements rather than one with OR, which the planner serves by scanning the account's rows.
   * Direct statements: this runs for every message.
   */
  async findForReceiving(
    addressId: string,
    identCode: string,
  ): Promise<(ConnectionRow & { account: { allowReplies: boolean } }) | null> {
    const digest = this.keys.identDigest(identCode);
    const [byDigest] = digest ? await this.db.query(receivingByDigest.with({ addressId, digest })) : [];
    const row = byDigest ?? (await this.db.query(receivingByIdentCode.with({ addressId, identCode })))[0];
    if (!row) return null;
    const { accountAllowReplies, ...connection } = row;
    return { ...this.openSecrets(connection), account: { allowReplies: accountAllowReplies } };
  }

  /**
   * A handshake's write: `decide` sees the connection as it is (or null) and gives what to store, or
   * throws to store nothing. Two handshakes of one pair at the same moment may both find no row;
   * the one whose insert then meets the other's row decides again on it (PostgreSQL; SQLite's writes
   * run one at a time).
   */
  async decideAndUpsert(
    accountId: string,
    otherAddress: string,
    decide: (existing: (ConnectionRow & ConnectionToSendOn) | null) => ConnectionData,
  ): Promise<ConnectionRow & { conversationId: Conversation['id'] }> {
    try {
      return await this.upsert(accountId, otherAddress, decide(await this.find(accountId, otherAddress)));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.upsert(accountId, otherAddress, decide(await this.find(accountId, otherAddress)));
    }
  }

  /**
   * One connection per pair of addresses: a new handshake replaces the secrets but keeps the row (and
   * its history). Its conversation is made in the same transaction (or kept, when the row existed).
   */
  private async upsert(
    accountId: string,
    otherAddress: string,
    data: ConnectionData,
  ): Promise<ConnectionRow & { conversationId: Conversation['id'] }> {
    const stored = { ...data, ...this.sealSecrets(data) };
    const row = await this.prisma.connection.upsert({
      where: { accountId_otherAddress: { accountId, otherAddress } },
      create: { accountId, otherAddress, ...stored, conversation: { create: { accountId } } },
      // New secrets: whatever the other side had forgotten, it knows this connection again.
      update: { ...stored, peerForgotAt: null, conversation: { upsert: { create: { accountId }, update: {} } } },
      include: WITH_CONVERSATION,
    });
    return {
      ...withConversationId(row),
      authCode: data.authCode,
      identCode: data.identCode,
      messageCryptKey: data.messageCryptKey,
    };
  }

  async listForAccount(accountId: string) {
    const rows = await this.prisma.connection.findMany({
      where: { accountId },
      orderBy: { createdAt: 'desc' },
      omit: WITHOUT_SECRETS,
      include: WITH_CONVERSATION,
    });
    return rows.map(withConversationId);
  }

  /** A connection only when it belongs to the account: another user's ID reads as not found. */
  async findOwned(accountId: string, id: string) {
    const row = await this.prisma.connection.findFirst({
      where: { id, accountId },
      omit: WITHOUT_SECRETS,
      include: WITH_CONVERSATION,
    });
    return row && withConversationId(row);
  }

  updateOwned(accountId: string, id: string, data: { localName?: string | null; blocked?: boolean }) {
    return this.prisma.connection.updateMany({ where: { id, accountId }, data }).then(({ count }) => count === 1);
  }

  /**
   * Deleting a contact deletes the conversation with it: its messages go in the same transaction (the Conversation
   * row by cascade), and so do their files, whose bytes the quotas get back in it.
   */
  async deleteOwned(accountId: string, id: string): Promise<boolean> {
    const [, , deleted] = await this.db.transaction([
      freeQuotaOf.connection(accountId, id),
      tables.deleteFrom('Message').where('accountId', '=', accountId).where('connectionId', '=', id),
      tables.deleteFrom('Connection').where('id', '=', id).where('accountId', '=', accountId),
    ]);
    return deleted === 1;
  }

  /** Up to `limit` rows whose secrets are not sealed yet (no ident digest), after `afterId`, as stored. */
  listUnsealed(afterId: string, limit: number): Promise<Array<ConnectionSecrets & { id: string }>> {
    return this.prisma.connection.findMany({
      where: { identDigest: null, id: { gt: afterId } },
      select: { id: true, authCode: true, identCode: true, messageCryptKey: true },
      orderBy: { id: 'asc' },
      take: limit,
    });
  }

  /** Seals one row's secrets, unless a handshake replaced them meanwhile (that write sealed them itself). */
  async seal(row: ConnectionSecrets & { id: string }): Promise<boolean> {
    const plain = this.openSecrets(row);
    const { count } = await this.prisma.connection.updateMany({
      where: {
        id: row.id,
        identDigest: null,
        authCode: row.authCode,
        identCode: row.identCode,
        messageCryptKey: row.messageCryptKey,
      },
      data: this.sealSecrets(plain),
    });
    return count === 1;
  }

  private sealSecrets(secrets: ConnectionSecrets): ConnectionSecrets & { identDigest: string | null } {
    return {
      authCode: this.keys.sealSecret(secrets.authCode),
      identCode: this.keys.sealSecret(secrets.identCode),
      messageCryptKey: this.keys.sealSecret(secrets.messageCryptKey),
      identDigest: this.keys.identDigest(secrets.identCode),
    };
  }

  private openSecrets<T extends ConnectionSecrets>(row: T): T {
    return this.keys.openConnectionSecrets(row);
  }
}
