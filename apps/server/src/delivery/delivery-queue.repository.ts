import { Injectable } from '@nestjs/common';
import { type Account, type Connection, likeEscaped, type Message, preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { NodeKeysService } from '../node-keys/node-keys.service';

/** What an attempt needs of its connection and sender. */
export type DeliveryConnection = Pick<
  Connection,
  'otherAddress' | 'otherAcceptsMessages' | 'authCode' | 'identCode' | 'messageCryptKey'
> & {
  account: Pick<Account, 'displayName'>;
};

/** A message this process holds the lease on, with what its attempt needs. */
export type ClaimedMessage = Pick<
  Message,
  'id' | 'accountId' | 'body' | 'deliverBy' | 'createdAt' | 'connectionId' | 'partsSent'
> & {
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
    const claimed = await this.db.executeReturning(
      claimDue.with({ owner: lease.owner, leaseUntil: lease.leaseUntil, now, limit }),
    );
    // A batch usually holds few conversations: each connection is read once.
    const connections = new Map<string, Promise<DeliveryConnection | null>>();
    for (const message of claimed) {
      if (message.connectionId && !connections.has(message.connectionId))
        connections.set(message.connectionId, this.loadConnection(message.connectionId));
    }
    return Promise.all(
      claimed.map(async (message) => ({
        ...message,
        connection: message.connectionId ? await (connections.get(message.connectionId) ?? null) : null,
      })),
    );
  }

  /** Messages left "sending" by a process whose lease ran out (it died or hung). */
  async findExpiredLeaseIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db.query(expiredLeases.with({ now, limit }));
    return rows.map((row) => row.id);
  }

  /**
   * One UPDATE that re-checks the condition under the row lock (PostgreSQL) or the write lock
   * (SQLite), so of two processes claiming the same row only one succeeds. (Prisma's updateMany
   * reads the matching ids first and then updates by id, which would let both "claim" it.)
   */
  async claim(id: string, lease: DeliveryLease, now: Date): Promise<boolean> {
    const count = await this.db.execute(claimOne.with({ id, owner: lease.owner, leaseUntil: lease.leaseUntil, now }));
    return count === 1;
  }

  private async loadConnection(connectionId: string): Promise<DeliveryConnection | null> {
    const rows = await this.db.query(connectionToDeliverOn.with({ connectionId }));
    const row = rows[0];
    if (!row) return null;
    const { displayName, ...connection } = row;
    return { ...this.keys.openConnectionSecrets(connection), account: { displayName } };
  }

  /** The claimed message with what an attempt needs of its connection and sender, in one statement. */
  async loadClaimed(id: string): Promise<ClaimedMessage | null> {
    const rows = await this.db.query(claimedMessage.with({ id }));
    const row = rows[0];
    if (!row) return null;
    const { otherAddress, otherAcceptsMessages, authCode, identCode, messageCryptKey, displayName, ...message } = row;
    // All null when the message has no connection (deleted); the columns are NOT NULL otherwise.
    const connection =
      otherAddress !== null &&
      otherAcceptsMessages !== null &&
      authCode !== null &&
      identCode !== null &&
      messageCryptKey !== null &&
      displayName !== null
        ? this.keys.openConnectionSecrets({
            otherAddress,
            otherAcceptsMessages,
            authCode,
            identCode,
            messageCryptKey,
            account: { displayName },
          })
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
    data: {
      state: 'delivered' | 'failed' | 'queued';
      failureCode: string | null;
      failureReason: string | null;
      nextAttemptAt?: Date;
      deliveredAt?: Date;
    },
    now = new Date(),
  ): Promise<boolean> {
    const update = finish.with({
      id,
      owner,
      state: data.state,
      failureCode: data.failureCode,
      failureReason: data.failureReason,
      nextAttemptAt: data.nextAttemptAt ?? null,
      deliveredAt: data.deliveredAt ?? null,
    });
    if (data.state === 'queued') return (await this.db.execute(update)) === 1;
    const [updated] = await this.db.writeTogether(
      [
        update,
        (data.state === 'delivered' ? dropEntries : dropUnconfirmedEntries).with({ id }),
        // SM_E001: the receiver no longer knows the connection (its user deleted it); the contact says so until a new handshake.
        ...(data.failureCode === 'SM_E001' ? [peerForgot.with({ id, now })] : []),
      ],
      { onlyIfFirstChanges: true },
    );
    return updated === 1;
  }

  /**
   * A message going in parts: the receiver accepted the parts before `partsSent` (conditional on the lease, whose
   * time starts again: each part is an attempt of its own).
   */
  async recordPartsSent(id: string, owner: string, partsSent: number, leaseUntil: Date): Promise<boolean> {
    return (await this.db.execute(partsSentUpdate.with({ id, owner, partsSent, leaseUntil }))) === 1;
  }

  /** Puts a failed message back in the queue for another round of attempts. */
  async requeue(id: string, accountId: string, now: Date, deliverBy: Date): Promise<boolean> {
    const { count } = await this.prisma.message.updateMany({
      where: { id, accountId, direction: 'out', state: 'failed' },
      data: { state: 'queued', nextAttemptAt: now, deliverBy, failureCode: null, failureReason: null, attempts: 0 },
    });
    return count === 1;
  }

  /**
   * The admin console's "retry all" for a peer domain (`addressPattern`: a LIKE pattern with ESCAPE
   * '\' matching its addresses): every failed message is put back as `requeue` does, and every
   * queued one waiting for its next attempt is made due now. The ids changed, for the worker.
   */
  async requeueAllTo(
    addressPattern: string,
    now: Date,
    deliverBy: Date,
  ): Promise<{ requeued: string[]; dueNow: string[] }> {
    const requeued = await this.db.executeReturning(
      tables
        .updateTable('Message')
        .set({ state: 'queued', nextAttemptAt: now, deliverBy, failureCode: null, failureReason: null, attempts: 0 })
        .where('direction', '=', 'out')
        .where('state', '=', 'failed')
        .where(likeEscaped('otherAddress', addressPattern))
        .returning('id'),
    );
    const dueNow = await this.db.executeReturning(
      tables
        .updateTable('Message')
        .set({ nextAttemptAt: now })
        .where('direction', '=', 'out')
        .where('state', '=', 'queued')
        .where('nextAttemptAt', '>', now)
        .where(likeEscaped('otherAddress', addressPattern))
        .returning('id'),
    );
    return { requeued: requeued.map((row) => row.id), dueNow: dueNow.map((row) => row.id) };
  }
}

const MESSAGE_TO_ATTEMPT = [
  'id',
  'accountId',
  'body',
  'attempts',
  'deliverBy',
  'createdAt',
  'connectionId',
  'partsSent',
] as const;

const claimDue = preparedQuery((p: { owner: string; leaseUntil: Date; now: Date; limit: number }) =>
  tables
    .updateTable('Message')
    .set((eb) => ({
      state: 'sending',
      leaseOwner: p.owner,
      leaseUntil: p.leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('Message')
        .select('id')
        .where('state', '=', 'queued')
        .where('nextAttemptAt', '<=', p.now)
        .where('direction', '=', 'out')
        .orderBy('nextAttemptAt')
        .limit(p.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(MESSAGE_TO_ATTEMPT),
);

const expiredLeases = preparedQuery((p: { now: Date; limit: number }) =>
  tables
    .selectFrom('Message')
    .select('id')
    .where('state', '=', 'sending')
    .where('leaseUntil', '<', p.now)
    .where('direction', '=', 'out')
    .limit(p.limit),
);

const claimOne = preparedQuery((p: { id: string; owner: string; leaseUntil: Date; now: Date }) =>
  tables
    .updateTable('Message')
    .set((eb) => ({
      state: 'sending',
      leaseOwner: p.owner,
      leaseUntil: p.leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', p.id)
    .where('direction', '=', 'out')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'queued'), eb('nextAttemptAt', '<=', p.now)]),
        eb.and([eb('state', '=', 'sending'), eb('leaseUntil', '<', p.now)]),
      ]),
    ),
);

const CONNECTION_TO_DELIVER_ON = [
  'c.otherAddress',
  'c.otherAcceptsMessages',
  'c.authCode',
  'c.identCode',
  'c.messageCryptKey',
  'a.displayName',
] as const;

const connectionToDeliverOn = preparedQuery((p: { connectionId: string }) =>
  tables
    .selectFrom('Connection as c')
    .innerJoin('Account as a', 'a.id', 'c.accountId')
    .select(CONNECTION_TO_DELIVER_ON)
    .where('c.id', '=', p.connectionId),
);

const claimedMessage = preparedQuery((p: { id: string }) =>
  tables
    .selectFrom('Message as m')
    .leftJoin('Connection as c', 'c.id', 'm.connectionId')
    .leftJoin('Account as a', 'a.id', 'c.accountId')
    .select([
      'm.id',
      'm.accountId',
      'm.body',
      'm.attempts',
      'm.deliverBy',
      'm.createdAt',
      'm.connectionId',
      'm.partsSent',
      ...CONNECTION_TO_DELIVER_ON,
    ])
    .where('m.id', '=', p.id),
);

/** Conditional on the lease (see finish). */
const finish = preparedQuery(
  (p: {
    id: string;
    owner: string;
    state: string;
    failureCode: string | null;
    failureReason: string | null;
    nextAttemptAt: Date | null;
    deliveredAt: Date | null;
  }) =>
    tables
      .updateTable('Message')
      .set({
        state: p.state,
        failureCode: p.failureCode,
        failureReason: p.failureReason,
        nextAttemptAt: p.nextAttemptAt,
        deliveredAt: p.deliveredAt,
        leaseOwner: null,
        leaseUntil: null,
      })
      .where('id', '=', p.id)
      .where('leaseOwner', '=', p.owner)
      .where('state', '=', 'sending'),
);

const partsSentUpdate = preparedQuery((p: { id: string; owner: string; partsSent: number; leaseUntil: Date }) =>
  tables
    .updateTable('Message')
    .set({ partsSent: p.partsSent, leaseUntil: p.leaseUntil })
    .where('id', '=', p.id)
    .where('leaseOwner', '=', p.owner)
    .where('state', '=', 'sending'),
);

const dropEntries = preparedQuery((p: { id: string }) =>
  tables.deleteFrom('OutboxEntry').where('messageId', '=', p.id),
);

const dropUnconfirmedEntries = preparedQuery((p: { id: string }) =>
  tables.deleteFrom('OutboxEntry').where('messageId', '=', p.id).where('confirmedAt', 'is', null),
);

const peerForgot = preparedQuery((p: { id: string; now: Date }) =>
  tables
    .updateTable('Connection')
    .set({ peerForgotAt: p.now })
    .where('id', '=', (eb) => eb.selectFrom('Message').select('connectionId').where('id', '=', p.id)),
);
