import { Injectable } from '@nestjs/common';
import { tables } from '@openmsg/db';
import { v7 as timeOrderedUuid } from 'uuid';
import { DirectSqlService } from '../database/direct-sql.service';

export interface NewPushSubscription {
  accountId: string;
  sessionId: string | null;
  endpoint: string;
  p256dh: string;
  auth: string;
  previews: boolean;
  now: Date;
}

const VIEW_COLUMNS = ['id', 'endpoint', 'previews', 'createdAt', 'lastSuccessAt'] as const;

/** The PushSubscription rows and the conversations' mute flag. */
@Injectable()
export class PushSubscriptionsRepository {
  constructor(private readonly db: DirectSqlService) {}

  /**
   * Writes the subscription (the same endpoint again updates its keys and previews; from another account it moves,
   * its waiting notifications dropped) and keeps the account's newest `cap`, dropping the oldest. One transaction
   * under the account's and the endpoint's locks: a burst of subscriptions cannot pass the cap together, and two
   * accounts claiming one endpoint at once end with one owner.
   */
  async subscribe(subscription: NewPushSubscription, cap: number) {
    const { accountId, endpoint, now } = subscription;
    const id = timeOrderedUuid();
    await this.db.transaction(
      [
        tables.deleteFrom('PushSubscription').where('endpoint', '=', endpoint).where('accountId', '<>', accountId),
        tables
          .insertInto('PushSubscription')
          .values({
            id,
            accountId,
            sessionId: subscription.sessionId,
            endpoint,
            p256dh: subscription.p256dh,
            auth: subscription.auth,
            previews: subscription.previews,
            createdAt: now,
            consecutiveFailures: 0,
          })
          .onConflict((conflict) =>
            conflict.column('endpoint').doUpdateSet((eb) => ({
              accountId: eb.ref('excluded.accountId'),
              sessionId: eb.ref('excluded.sessionId'),
              p256dh: eb.ref('excluded.p256dh'),
              auth: eb.ref('excluded.auth'),
              previews: eb.ref('excluded.previews'),
            })),
          ),
        tables
          .deleteFrom('PushSubscription')
          .where('accountId', '=', accountId)
          .where('id', 'not in', (eb) =>
            eb
              .selectFrom('PushSubscription as kept')
              .select('kept.id')
              .where('kept.accountId', '=', accountId)
              .orderBy('kept.createdAt', 'desc')
              .orderBy('kept.id', 'desc')
              .limit(cap),
          ),
      ],
      { lockKeys: [`push-account:${accountId}`, `push-endpoint:${endpoint}`] },
    );
    const [row] = await this.db.query(
      tables
        .selectFrom('PushSubscription')
        .select(VIEW_COLUMNS)
        .where('endpoint', '=', endpoint)
        .where('accountId', '=', accountId),
    );
    // Gone already: newer subscriptions of the account, committed in the same instant, dropped it as the oldest (or
    // another account took the endpoint). It was subscribed; the answer says what was written.
    return row ?? { id, endpoint, previews: subscription.previews, createdAt: now, lastSuccessAt: null };
  }

  async unsubscribe(accountId: string, endpoint: string): Promise<number> {
    return this.db.execute(
      tables.deleteFrom('PushSubscription').where('accountId', '=', accountId).where('endpoint', '=', endpoint),
    );
  }

  list(accountId: string) {
    return this.db.query(
      tables
        .selectFrom('PushSubscription')
        .select(VIEW_COLUMNS)
        .where('accountId', '=', accountId)
        .orderBy('createdAt')
        .orderBy('id'),
    );
  }

  /** Sets the flag on the account's conversation; how many rows it found (0: not the account's). */
  setMuted(accountId: string, conversationId: string, muted: boolean): Promise<number> {
    return this.db.execute(
      tables
        .updateTable('Conversation')
        .set({ muted })
        .where('id', '=', conversationId)
        .where('accountId', '=', accountId),
    );
  }
}
