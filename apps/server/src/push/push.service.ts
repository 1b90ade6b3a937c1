import { Inject, Injectable } from '@nestjs/common';
import type { MuteResult, PushKey, PushSubscriptionRequest, PushSubscriptionView } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiException } from '../http/api-error';
import { checkSubscription, serviceOf } from './push-endpoint';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';
import { VapidKeysService } from './vapid-keys.service';

/**
 * Devices per account. Chosen: a new subscription beyond it drops the account's oldest (a browser
 * reinstalled or cleared leaves its old subscription behind, and nobody should have to find and delete
 * it before subscribing again); the dropped device simply stops getting notifications.
 */
export const SUBSCRIPTIONS_PER_ACCOUNT = 20;

/** Web Push subscriptions (one per browser endpoint, owned by one account) and muting conversations. */
@Injectable()
export class PushService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly vapid: VapidKeysService,
  ) {}

  key(): PushKey {
    const keys = this.vapid.current;
    return keys ? { enabled: true, publicKey: keys.publicKey } : { enabled: false, publicKey: null };
  }

  async subscribe(
    accountId: string,
    sessionId: string | null,
    request: PushSubscriptionRequest,
  ): Promise<PushSubscriptionView> {
    if (!this.vapid.current) throw new ApiException('push_disabled');
    const problem = checkSubscription(request.endpoint, request.keys, {
      allowHttp: this.config.push.allowHttpEndpoints,
      allowPrivate: this.config.allowPrivatePeers,
    });
    if (problem) throw new ApiException('validation_failed', problem.reason, { fields: [problem.field] });
    const row = await this.subscriptions.subscribe(
      {
        accountId,
        sessionId,
        endpoint: request.endpoint,
        p256dh: request.keys.p256dh,
        auth: request.keys.auth,
        previews: request.previews ?? false,
        now: new Date(),
      },
      SUBSCRIPTIONS_PER_ACCOUNT,
    );
    return view(row);
  }

  async unsubscribe(accountId: string, endpoint: string): Promise<void> {
    await this.subscriptions.unsubscribe(accountId, endpoint);
  }

  async list(accountId: string): Promise<{ items: PushSubscriptionView[] }> {
    return { items: (await this.subscriptions.list(accountId)).map(view) };
  }

  async mute(accountId: string, conversationId: string, muted: boolean): Promise<MuteResult> {
    if ((await this.subscriptions.setMuted(accountId, conversationId, muted)) === 0)
      throw new ApiException('not_found', 'conversation not found');
    return { muted };
  }
}

function view(row: {
  id: string;
  endpoint: string;
  previews: boolean;
  createdAt: Date;
  lastSuccessAt: Date | null;
}): PushSubscriptionView {
  return {
    id: row.id,
    service: serviceOf(row.endpoint),
    previews: row.previews,
    createdAt: row.createdAt.toISOString(),
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
  };
}
