import { z } from 'zod';

/**
 * Web Push (the Push API with VAPID, RFC 8030/8291/8292): the inbox subscribes a browser with the node's
 * application server key; the node encrypts each notification for that subscription and posts it to the
 * browser's push service, off the delivery path. One account may have many subscriptions (devices).
 */

/** GET /api/v1/push/key: the node's VAPID public key (uncompressed P-256 point, base64url), or `enabled: false`. */
export interface PushKey {
  enabled: boolean;
  publicKey: string | null;
}

const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+=*$/, 'base64url');

/**
 * POST /api/v1/push/subscriptions: what `PushSubscription.toJSON()` gives, plus the device's choice of
 * previews (message text in the notification, or only who wrote). Subscribing the same endpoint again
 * updates it (keys, previews); an endpoint belongs to one account at a time.
 */
export const pushSubscriptionRequestSchema = z.object({
  /** https:// (a node refuses http:// except where its operator allows loopback stand-ins for tests, never in production). */
  endpoint: z
    .string()
    .url()
    .max(2048)
    .regex(/^https?:\/\//, 'an https:// URL'),
  expirationTime: z.number().int().nonnegative().nullable().optional(),
  keys: z.object({
    /** The browser's P-256 public key (65 bytes uncompressed, base64url). */
    p256dh: base64url(80, 100),
    /** The 16-byte authentication secret (base64url). */
    auth: base64url(16, 32),
  }),
  previews: z.boolean().default(false),
});
export type PushSubscriptionRequest = z.input<typeof pushSubscriptionRequestSchema>;

/** DELETE /api/v1/push/subscriptions: this browser unsubscribes (also done by the node on sign-out). */
export const pushUnsubscribeRequestSchema = z.object({ endpoint: z.string().max(2048) });

/** A subscription as the account sees it (Settings lists its devices). */
export interface PushSubscriptionView {
  id: string;
  /** The push service's host (e.g. fcm.googleapis.com), never the full endpoint. */
  service: string;
  previews: boolean;
  createdAt: string;
  lastSuccessAt: string | null;
}

/** PATCH /api/v1/conversations/:conversationId/mute: no pushes for this conversation while muted. */
export const muteConversationRequestSchema = z.object({ muted: z.boolean() });
export interface MuteResult {
  muted: boolean;
}

/**
 * What the node sends in a push message (the payload the service worker decrypts), kept small: push
 * services take at most 4096 bytes. `text` only when the subscription asked for previews.
 */
export interface PushPayload {
  kind: 'message';
  conversationId: string;
  messageId: string;
  /** The contact's name as the account named it, or the address. */
  from: string;
  /** The start of the message (at most 200 code points), or null without previews. */
  text: string | null;
  /** How many files the message carries. */
  files: number;
  sentAt: string;
}
