import { Injectable } from '@nestjs/common';
import { type Account, type Connection, type Message, skipLockedRows, sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { NodeKeysService } from '../node-keys/node-keys.service';

type ClaimedRow = Pick<Message, 'id' | 'accountId' | 'body' | 'attempts' | 'deliverBy' | 'createdAt' | 'connectionId'> &
  Nullable<Pick<Connection, 'otherAddress' | 'otherAcceptsMessages' | 'authCode' | 'identCode' | 'messageCryptKey'> & Pick<Account, 'displayName'>>;

/** The columns of a LEFT JOINed table: null when no row matched. */
type Nullable<T> = { [K in keyof T]: T[K] | null };

/** What an attempt needs of its connection and sender. */
export type DeliveryConnection = Pick<Connection, 'otherAddress' | 'otherAcceptsMessages' | 'authCode' | 'identCode' | 'messageCryptKey'> & {
  account: Pick<Account, 'displayName'>;
};

/** A message this process holds the lease on, with what its attempt needs. */
export type ClaimedMessage = Pick<Message, 'id' | 'accountId' | 'body' | 'deliverBy' | 'createdAt' | 'connectionId'> & {
  /** Including the attempt under way. */
  attempts: number;
  connection: DeliveryConnection | null;
};

/** What a message row holds while a process attempts it: written by a claim, or by the message's own insert (see MessageWriter). */
export interface DeliveryLease {
  owner: string;
  leaseUntil: Date;
}

/**
 * The outgoing queue is the Message table itself: a message is due when it is queued and its next
 * attempt time has come, or when it is "sending" under a lease that ran out (its process died).
 * Claims are conditional updates, so two processes sharing one database never claim the same row.
 * Direct statements (no Prisma): this runs for every message.
 */
@Injectable()
export class DeliveryQueueRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
    private readonly keys: NodeKeysService,
  ) {}

  /**
   * Claims up to `limit` queued messages whose time has come, oldest first, in one statement, and
   * returns them ready to attempt. The due rows are read from the (state, nextAttemptAt) index in
   * order, so the cost does not grow with the backlog. On PostgreSQL, rows another process is
   * claiming at the same moment are skipped, not waited for (each is re-checked under its lock).
   */
  async claimDue(lease: DeliveryLease, now: Date, limit: number): Promise<ClaimedMessage[]> {
    const due = sql`
      UPDATE "Message" SET "state" = 'sending', "leaseOwner" = ${lease.owner}, "leaseUntil" = ${lease.leaseUntil}, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "Message" WHERE "state" = 'queued' AND "nextAttemptAt" <= ${now} AND "direction" = 'out'
        ORDER BY "nextAttemptAt" LIMIT ${limit} ${skipLockedRows})
      RETURNING "id", "accountId", "body", "attempts", "deliverBy", "createdAt", "connectionId"`;
    const claimed = await this.db.executeReturning<Omit<ClaimedMessage, 'connection'>>(due);
    // A batch usually holds few conversations: each connection is read once.
    const connections = new Map<string, Promise<DeliveryConnection | null>>();
    for (const message of claimed) {
      if (message.connectionId && !connections.has(message.connectionId)) connections.set(message.connectionId, this.loadConnection(message.connectionId));
    }
    return Promise.all(claimed.map(async (message) => ({ ...message, connection: message.connectionId ? await (connections.get(message.connectionId) ?? null) : null })));
  }

  /** Messages left "sending" by a process whose lease ran out (it died or hung). */
  async findExpiredLeaseIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(sql`
      SELECT "id" FROM "Message"
      WHERE "state" = 'sending' AND "leaseUntil" < ${now} AND "direction" = 'out'
      LIMIT ${limit}`);
    return rows.map((row) => row.id);
  }

  /**
   * One UPDATE that re-checks the condition under the row lock (PostgreSQL) or the write lock
   * (SQLite), so of two processes claiming the same row only one succeeds. (Prisma's updateMany
   * reads the matching ids first and then updates by id, which would let both "claim" it.)
   */
  async claim(id: string, lease: DeliveryLease, now: Date): Promise<boolean> {
    const count = await this.db.execute(sql`
      UPDATE "Message" SET "state" = 'sending', "leaseOwner" = ${lease.owner}, "leaseUntil" = ${lease.leaseUntil}, "attempts" = "attempts" + 1
      WHERE "id" = ${id} AND "direction" = 'out'
        AND (("state" = 'queued' AND "nextAttemptAt" <= ${now}) OR ("state" = 'sending' AND "leaseUntil" < ${now}))`);
    return count === 1;
  }

  private async loadConnection(connectionId: string): Promise<DeliveryConnection | null> {
    const rows = await this.db.query<Omit<DeliveryConnection, 'account'> & Pick<Account, 'displayName'>>(sql`
      SELECT c."otherAddress", c."otherAcceptsMessages", c."authCode", c."identCode", c."messageCryptKey", a."displayName"
      FROM "Connection" c JOIN "Account" a ON a."id" = c."accountId"
      WHERE c."id" = ${connectionId}`);
    const row = rows[0];
    if (!row) return null;
    const { displayName, ...connection } = row;
    return { ...this.keys.openConnectionSecrets(connection), account: { displayName } };
  }

  /** The claimed message with what an attempt needs of its connection and sender, in one statement. */
  async loadClaimed(id: string): Promise<ClaimedMessage | null> {
    const rows = await this.db.query<ClaimedRow>(sql`
      SELECT m."id", m."accountId", m."body", m."attempts", m."deliverBy", m."createdAt", m."connectionId",
        c."otherAddress", c."otherAcceptsMessages", c."authCode", c."identCode", c."messageCryptKey", a."displayName"
      FROM "Message" m
      LEFT JOIN "Connection" c ON c."id" = m."connectionId"
      LEFT JOIN "Account" a ON a."id" = c."accountId"
      WHERE m."id" = ${id}`);
    const row = rows[0];
    if (!row) return null;
    const { otherAddress, otherAcceptsMessages, authCode, identCode, messageCryptKey, displayName, ...message } = row;
    // All null when the message has no connection (deleted); the columns are NOT NULL otherwise.
    const connection =
      otherAddress !== null && otherAcceptsMessages !== null && authCode !== null && identCode !== null && messageCryptKey !== null && displayName !== null
        ? this.keys.openConnectionSecrets({ otherAddress, otherAcceptsMessages, authCode, identCode, messageCryptKey, account: { displayName } })
        : null;
    return { ...message, connection };
  }

  /**
   * Records an attempt's outcome, conditional on still holding the lease (one UPDATE, for the
   * reason given at claim). A final outcome also drops the message's attempt records in the same
   * transaction, so that nothing of it can be confirmed any more; a failed message keeps the
   * confirmed ones (too old to be confirmed again): should the user retry it, they tell the new
   * attempt that an earlier one may have been stored, so its SM_E007 is believed.
   */
  async finish(
    id: string,
    owner: string,
    data: { state: 'delivered' | 'failed' | 'queued'; failureCode: string | null; failureReason: string | null; nextAttemptAt?: Date; deliveredAt?: Date },
    now = new Date(),
  ): Promise<boolean> {
    const update = sql`
      UPDATE "Message" SET "state" = ${data.state}, "failureCode" = ${data.failureCode}, "failureReason" = ${data.failureReason},
        "nextAttemptAt" = ${data.nextAttemptAt ?? null}, "deliveredAt" = ${data.deliveredAt ?? null}, "leaseOwner" = NULL, "leaseUntil" = NULL
      WHERE "id" = ${id} AND "leaseOwner" = ${owner} AND "state" = 'sending'`;
    if (data.state === 'queued') return (await this.db.execute(update)) === 1;
    const [updated] = await this.db.writeTogether(
      [
        update,
        sql`DELETE FROM "OutboxEntry" WHERE "messageId" = ${id} AND ("confirmedAt" IS NULL OR ${data.state} = 'delivered')`,
        // SM_E001: the receiver no longer knows the connection (its user deleted it); the contact says so until a new handshake.
        ...(data.failureCode === 'SM_E001' ? [sql`UPDATE "Connection" SET "peerForgotAt" = ${now} WHERE "id" = (SELECT "connectionId" FROM "Message" WHERE "id" = ${id})`] : []),
      ],
      { onlyIfFirstChanges: true },
    );
    return updated === 1;
  }

  /** Puts a failed message back in the queue for another round of attempts. */
  async requeue(id: string, accountId: string, now: Date, deliverBy: Date): Promise<boolean> {
    const { count } = await this.prisma.message.updateMany({
      where: { id, accountId, direction: 'out', state: 'failed' },
      data: { state: 'queued', nextAttemptAt: now, deliverBy, failureCode: null, failureReason: null, attempts: 0 },
    });
    return count === 1;
  }
}
