import { z } from 'zod';
import { idParam } from './common';
import {
  muteConversationRequestSchema,
  pushSubscriptionRequestSchema,
  pushUnsubscribeRequestSchema,
  type MuteResult,
  type PushKey,
  type PushSubscriptionView,
} from './push';
import { defineRoute } from './route';

const conversationParams = z.object({ conversationId: idParam });

/** Web Push and muting (see push.ts). */
export const pushRoutes = {
  pushKey: defineRoute<PushKey>()({
    method: 'GET',
    path: '/push/key',
    summary: "The node's VAPID public key for subscribing a browser to push notifications",
  }),
  pushSubscribe: defineRoute<PushSubscriptionView>()({
    method: 'POST',
    path: '/push/subscriptions',
    body: pushSubscriptionRequestSchema,
    errors: ['push_disabled'],
    summary: 'Subscribes this browser to push notifications (or updates its subscription)',
  }),
  pushUnsubscribe: defineRoute<void>()({
    method: 'DELETE',
    path: '/push/subscriptions',
    body: pushUnsubscribeRequestSchema,
    summary: 'Unsubscribes a browser from push notifications',
  }),
  pushSubscriptions: defineRoute<{ items: PushSubscriptionView[] }>()({
    method: 'GET',
    path: '/push/subscriptions',
    summary: "The account's devices that get push notifications",
  }),
  muteConversation: defineRoute<MuteResult>()({
    method: 'PATCH',
    path: '/conversations/:conversationId/mute',
    params: conversationParams,
    body: muteConversationRequestSchema,
    errors: ['not_found'],
    summary: 'Mutes or unmutes push notifications for one conversation',
  }),
};
