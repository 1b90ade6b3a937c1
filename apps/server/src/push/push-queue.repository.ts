import { Injectable } from '@nestjs/common';
import { type BoundQuery, preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';

/** A claimed notification with what sending it needs (the message's body as stored: sealed at rest or not). */
export interface ClaimedPush {
  subscriptionId: string;
  messageId: string;
  attempts: number;
  createdAt: Date;
  endpoint: string;
  p256dh: string;
  auth: string;
  previews: boolean;
  body: string;
  sentAt: Date;
  otherAddress: string;
  otherName: string | null;
  localName: string | null;
  blocked: boolean;
  conversationId: string;
  muted: boolean;
}

export type PushJobKey = {
  subscriptionId: string;
  messageId: string;
};

/**
 * Written in the same transaction as a received message (MessageWritingRepository.insertIncoming): a notification
 * for each of the account's subscriptions, unless the conversation is muted or the contact blocked. Zero rows for
 * an account without subscriptions: the common case costs one index probe.
 */
export function enqueuePushJobs(p: {
  messageId: string;
  accountId: string;
  connectionId: string;
  at: Date;
}): BoundQuery<unknown> {
  return enqueue.with(p);
}

const enqueue = preparedQuery((p: { messageId: string; accountId: string; connectionId: string; at: Date }) =>
  tables
    .insertInto('PushJob')
    .columns(['subscriptionId', 'messageId', 'nextAttemptAt', 'createdAt'])
    .expression((eb) =>
      eb
        .selectFrom('PushSubscription as s')
        .select([
          's.id',
          eb.val(p.messageId).as('messageId'),
          // A typed parameter for PostgreSQL; SQLite reads the type name as numeric and keeps its milliseconds.
          eb.cast<Date>(eb.val(p.at), 'timestamp(3)').as('nextAttemptAt'),
          eb.cast<Date>(eb.val(p.at), 'timestamp(3)').as('createdAt'),
        ])
        .where('s.accountId', '=', p.accountId)
        .where((inner) =>
          inner.exists(
            inner
              .selectFrom('Conversation as v')
              .innerJoin('Connection as c', 'c.id', 'v.connectionId')
              .select('v.id')
              .where('v.connectionId', '=', p.connectionId)
              .where('v.muted', '=', false)
              .where('c.blocked', '=', false),
          ),
        ),
    ),
);

/** The push queue (PushJob): claims with a lease, as the delivery queue's, so replicas on one database never send one notification twice at once. */
@Injectable()
export class PushQueueRepository {
  constructor(private readonly db: DirectSqlService) {}

  /** Claims up to `limit` due notifications: each becomes due again only when its lease runs out (a crashed sender's). */
  claimDue(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<PushJobKey[]> {
    return this.db.executeReturning(claimDue.with({ owner, now, leaseUntil, limit }));
  }

  async load(job: PushJobKey, owner: string): Promise<ClaimedPush | null> {
    const [row] = await this.db.query(claimed.with({ ...job, owner }));
    return row ?? null;
  }

  async fileCount(messageId: string): Promise<number> {
    const [row] = await this.db.query(
      tables
        .selectFrom('Attachment')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
        .where('messageId', '=', messageId),
    );
    return Number(row?.n ?? 0);
  }

  /** Sent: the notification goes, and the subscription records a success. */
  async sent(job: PushJobKey, owner: string, now: Date): Promise<void> {
    await this.db.transaction([
      deleteOwned(job, owner),
      tables
        .updateTable('PushSubscription')
        .set({ lastSuccessAt: now, consecutiveFailures: 0 })
        .where('id', '=', job.subscriptionId),
    ]);
  }

  /** Not sent this time: due again at `next` (or dropped, `next` null), the subscription's failures counted. */
  async failed(job: PushJobKey, owner: string, next: Date | null): Promise<void> {
    await this.db.transaction([
      next
        ? tables
            .updateTable('PushJob')
            .set({ nextAttemptAt: next, leaseOwner: null, leaseUntil: null })
            .where('subscriptionId', '=', job.subscriptionId)
            .where('messageId', '=', job.messageId)
            .where('leaseOwner', '=', owner)
        : deleteOwned(job, owner),
      tables
        .updateTable('PushSubscription')
        .set((eb) => ({ consecutiveFailures: eb('consecutiveFailures', '+', 1) }))
        .where('id', '=', job.subscriptionId),
    ]);
  }

  /** Nothing to send any more (muted or blocked since, or too old): the notification goes without a word to the push service. */
  async drop(job: PushJobKey, owner: string): Promise<void> {
    await this.db.execute(deleteOwned(job, owner));
  }

  /** The push service says the subscription is gone (404/410): it goes, with everything waiting for it. */
  async dropSubscription(subscriptionId: string): Promise<void> {
    await this.db.execute(tables.deleteFrom('PushSubscription').where('id', '=', subscriptionId));
  }
}

/** The job, while this process's claim on it holds. */
function deleteOwned(job: PushJobKey, owner: string) {
  return tables
    .deleteFrom('PushJob')
    .where('subscriptionId', '=', job.subscriptionId)
    .where('messageId', '=', job.messageId)
    .where('leaseOwner', '=', owner);
}

const claimDue = preparedQuery((p: { owner: string; now: Date; leaseUntil: Date; limit: number }) =>
  tables
    .updateTable('PushJob')
    .set((eb) => ({
      leaseOwner: p.owner,
      leaseUntil: p.leaseUntil,
      // The lease is the next attempt time: a job whose sender died is due again when it runs out.
      nextAttemptAt: p.leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where((eb) =>
      eb(
        eb.refTuple('subscriptionId', 'messageId'),
        'in',
        // Kysely types a row-value IN by its left side's tuple; the subquery selects the same two columns.
        eb
          .selectFrom('PushJob as due')
          .select(['due.subscriptionId', 'due.messageId'])
          .where('due.nextAttemptAt', '<=', p.now)
          .orderBy('due.nextAttemptAt')
          .limit(p.limit)
          .forUpdate()
          .skipLocked() as never,
      ),
    )
    .returning(['subscriptionId', 'messageId']),
);

const claimed = preparedQuery((p: PushJobKey & { owner: string }) =>
  tables
    .selectFrom('PushJob as j')
    .innerJoin('PushSubscription as s', 's.id', 'j.subscriptionId')
    .innerJoin('Message as m', 'm.id', 'j.messageId')
    .innerJoin('Connection as c', 'c.id', 'm.connectionId')
    .innerJoin('Conversation as v', 'v.connectionId', 'c.id')
    .select([
      'j.subscriptionId',
      'j.messageId',
      'j.attempts',
      'j.createdAt',
      's.endpoint',
      's.p256dh',
      's.auth',
      's.previews',
      'm.body',
      'm.createdAt as sentAt',
      'c.otherAddress',
      'c.otherName',
      'c.localName',
      'c.blocked',
      'v.id as conversationId',
      'v.muted',
    ])
    .where('j.subscriptionId', '=', p.subscriptionId)
    .where('j.messageId', '=', p.messageId)
    .where('j.leaseOwner', '=', p.owner),
);
