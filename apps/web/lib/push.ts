'use client';

import { apiRoutes, type PushKey } from '@openmsg/core/api';
import { callApi } from './api-client';

/**
 * Web Push in this browser: subscribing with the node's key (GET /push/key), telling the node
 * (POST /push/subscriptions), unsubscribing. The browser's push subscription is the truth about
 * "on"; the worker (public/sw/push.js) reads its strings and this browser's choice of previews from
 * IndexedDB, written here.
 */
const DB_NAME = 'openmsg-push';
const STORE = 'kv';
/** Set while this browser has a push subscription (the page's own tab-hidden notifications then stay quiet). */
const ACTIVE_KEY = 'openmsg:push:active';

export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window &&
    window.isSecureContext
  );
}

/** The node's key, or null when the node has push switched off (or does not know it yet). */
export async function fetchPushKey(): Promise<PushKey> {
  try {
    return await callApi(apiRoutes.pushKey);
  } catch {
    return { enabled: false, publicKey: null };
  }
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB'));
  });
}

async function writeStored(key: string, value: unknown): Promise<void> {
  const db = await openDb();
  try {
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(STORE, 'readwrite');
      transaction.objectStore(STORE).put(value, key);
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

async function readStored<T>(key: string): Promise<T | undefined> {
  const db = await openDb();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const request = db.transaction(STORE).objectStore(STORE).get(key);
      request.onsuccess = () => resolve(request.result as T | undefined);
      request.onerror = () => reject(request.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

/** What the worker needs to word a notification in the page's language. */
export interface PushStrings {
  locale: string;
  newMessage: string;
  /** Plural templates per category of the locale ("one", "other", …), `{count}` for the number. */
  files: Record<string, string>;
  messages: Record<string, string>;
}

/**
 * Turns a plural message into templates per plural category: formats it with a number of each category
 * of the locale and puts `{count}` where that number was written.
 */
export function pluralTemplates(locale: string, format: (count: number) => string): Record<string, string> {
  const rules = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  const templates: Record<string, string> = {};
  for (const category of rules.resolvedOptions().pluralCategories) {
    const sample = [0, 1, 2, 3, 5, 11, 21, 100, 101, 102, 1_000_000].find((n) => rules.select(n) === category);
    if (sample === undefined) continue;
    templates[category] = format(sample).replace(number.format(sample), '{count}');
  }
  return templates;
}

export async function writePushStrings(strings: PushStrings): Promise<void> {
  await writeStored('strings', strings).catch(() => undefined);
}

export async function storedPreviews(): Promise<boolean> {
  return (await readStored<boolean>('previews').catch(() => undefined)) === true;
}

function base64urlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function markActive(active: boolean) {
  try {
    if (active) window.localStorage.setItem(ACTIVE_KEY, 'on');
    else window.localStorage.removeItem(ACTIVE_KEY);
  } catch {
    // storage disabled: the tab-hidden notifications may then double the pushed ones
  }
}

/** Whether this browser gets push notifications (checked synchronously by lib/notifications.ts). */
export function pushActiveHere(): boolean {
  try {
    return window.localStorage.getItem(ACTIVE_KEY) === 'on';
  } catch {
    return false;
  }
}

async function registration(): Promise<ServiceWorkerRegistration> {
  const existing = await navigator.serviceWorker.getRegistration('/');
  return existing ?? navigator.serviceWorker.register('/sw.js', { scope: '/' });
}

/** This browser's push subscription, if any (also brings the page's "active" mark in line with it). */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const existing = await navigator.serviceWorker.getRegistration('/');
  const subscription = existing ? await existing.pushManager.getSubscription() : null;
  markActive(subscription !== null);
  return subscription;
}

export type SubscribeOutcome = 'subscribed' | 'unsupported' | 'disabled' | 'denied' | 'failed';

/**
 * Asks the browser's permission (when not given yet), subscribes with the node's key and registers the
 * subscription with the node. Must run from a click: browsers ask for permission only on a gesture.
 */
export async function subscribePush(previews: boolean): Promise<SubscribeOutcome> {
  if (!pushSupported()) return 'unsupported';
  const permission =
    Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  if (permission !== 'granted') return 'denied';
  const key = await fetchPushKey();
  if (!key.enabled || !key.publicKey) return 'disabled';
  try {
    await writeStored('previews', previews);
    const worker = await registration();
    await navigator.serviceWorker.ready;
    let subscription = await worker.pushManager.getSubscription();
    const serverKey = base64urlToBytes(key.publicKey);
    if (subscription && !sameKey(subscription, serverKey)) {
      // the node's key changed (a new VAPID pair): the old subscription can no longer be used
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey });
    await callApi(apiRoutes.pushSubscribe, { body: { ...subscriptionBody(subscription), previews } });
    markActive(true);
    return 'subscribed';
  } catch {
    return 'failed';
  }
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const current = subscription.options.applicationServerKey;
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((byte, index) => byte === key[index]);
}

function subscriptionBody(subscription: PushSubscription) {
  const json = subscription.toJSON();
  return {
    endpoint: subscription.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
  };
}

/** Changes previews for this browser's subscription (the node updates it: the same endpoint again). */
export async function setPushPreviews(previews: boolean): Promise<boolean> {
  const subscription = await currentSubscription();
  await writeStored('previews', previews).catch(() => undefined);
  if (!subscription) return false;
  await callApi(apiRoutes.pushSubscribe, { body: { ...subscriptionBody(subscription), previews } });
  return true;
}

/**
 * Unsubscribes this browser: tells the node first (while the session still holds, e.g. before signing
 * out), then drops the browser's subscription. Never throws: signing out goes on regardless.
 */
export async function unsubscribePush(): Promise<void> {
  const subscription = await currentSubscription().catch(() => null);
  markActive(false);
  if (!subscription) return;
  await callApi(apiRoutes.pushUnsubscribe, { body: { endpoint: subscription.endpoint } }).catch(() => undefined);
  await subscription.unsubscribe().catch(() => false);
}
