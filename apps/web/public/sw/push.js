// Push notifications (Web Push), imported by /sw.js. A plain script sharing the worker's global scope with
// the other /sw/*.js files, hence the closure. The node sends a PushPayload (packages/core/src/api/push.ts).
//
// The worker has no React and no catalogue: the inbox page writes the current language's strings into
// IndexedDB (lib/push.ts, writePushStrings), together with this browser's choice of previews; English
// when the page never ran. Plural strings come as templates per plural category ("Sent {count} files").
(() => {
  const DB_NAME = 'openmsg-push';
  const STORE = 'kv';
  const API = '/api/v1';
  const ICON = '/icons/icon-192.png';

  const ENGLISH = {
    locale: 'en',
    newMessage: 'New message',
    files: { one: 'Sent a file', other: 'Sent {count} files' },
    messages: { one: '{count} new message', other: '{count} new messages' },
  };

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function read(key) {
    try {
      const db = await openDb();
      return await new Promise((resolve, reject) => {
        const request = db.transaction(STORE).objectStore(STORE).get(key);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      }).finally(() => db.close());
    } catch {
      return undefined;
    }
  }

  function plural(templates, count, locale) {
    let category = 'other';
    try {
      category = new Intl.PluralRules(locale).select(count);
    } catch {
      // an unknown locale: "other"
    }
    const template = templates[category] ?? templates.other ?? '';
    return template.replace('{count}', new Intl.NumberFormat(locale).format(count));
  }

  async function strings() {
    const stored = await read('strings');
    return stored && typeof stored.newMessage === 'string' ? stored : ENGLISH;
  }

  function conversationPath(conversationId) {
    return `/c/${encodeURIComponent(conversationId)}`;
  }

  function isPayload(value) {
    return (
      value !== null &&
      typeof value === 'object' &&
      value.kind === 'message' &&
      typeof value.conversationId === 'string' &&
      typeof value.from === 'string'
    );
  }

  async function inboxWindows() {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    return windows.filter((client) => new URL(client.url).origin === self.location.origin);
  }

  async function showMessage(payload) {
    const path = conversationPath(payload.conversationId);
    // The person is reading this conversation right now: the thread shows the message, no notification.
    const windows = await inboxWindows();
    if (
      windows.some(
        (client) => client.focused && client.visibilityState === 'visible' && new URL(client.url).pathname === path,
      )
    )
      return;

    const text = await strings();
    const tag = `conversation:${payload.conversationId}`;
    // Several messages in one conversation collapse into one notification that counts them.
    const earlier = await self.registration.getNotifications({ tag });
    const count = earlier.reduce((sum, notification) => sum + (notification.data?.count ?? 1), 0) + 1;
    const files = Number.isInteger(payload.files) && payload.files > 0 ? payload.files : 0;
    let body;
    if (typeof payload.text === 'string' && payload.text.trim()) body = payload.text;
    else if (count > 1) body = plural(text.messages, count, text.locale);
    else if (files > 0) body = plural(text.files, files, text.locale);
    else body = text.newMessage;
    if (typeof payload.text === 'string' && payload.text.trim() && count > 1)
      body = `${body}\n${plural(text.messages, count, text.locale)}`;

    const sentAt = Date.parse(payload.sentAt);
    await self.registration.showNotification(payload.from, {
      body,
      tag,
      renotify: true,
      icon: ICON,
      badge: ICON,
      lang: text.locale,
      timestamp: Number.isNaN(sentAt) ? Date.now() : sentAt,
      data: { conversationId: payload.conversationId, messageId: payload.messageId, count },
    });
  }

  let queue = Promise.resolve();

  self.addEventListener('push', (event) => {
    let payload = null;
    try {
      payload = event.data ? event.data.json() : null;
    } catch {
      payload = null;
    }
    if (!isPayload(payload)) return;
    // One at a time: each counts the notification the one before left (pushes arrive in bursts).
    const shown = queue.then(() => showMessage(payload));
    queue = shown.catch(() => undefined);
    event.waitUntil(shown);
  });

  // How long an inbox page has to answer that it switched. A page still loading has no listener yet (it
  // attaches once the inbox knows who is signed in) and the message is lost: that page is navigated instead.
  const OPEN_ANSWER_MS = 1000;

  function askToOpen(client, conversationId) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(false), OPEN_ANSWER_MS);
      channel.port1.onmessage = () => {
        clearTimeout(timer);
        resolve(true);
      };
      client.postMessage({ type: 'openmsg:open-conversation', conversationId }, [channel.port2]);
    });
  }

  async function openConversation(conversationId) {
    const path = conversationPath(conversationId);
    const windows = await inboxWindows();
    const inbox =
      windows.find((client) => client.focused) ??
      windows.find((client) => client.visibilityState === 'visible') ??
      windows[0];
    if (!inbox) {
      await self.clients.openWindow(path);
      return;
    }
    const focused = await inbox.focus().catch(() => inbox);
    const target = focused ?? inbox;
    if (new URL(target.url).pathname === path) return;
    // An inbox page switches conversations in place and answers (components/push/push-setup.tsx); anything
    // else (the sign-in page, a page without the listener, one still loading) is navigated by the worker.
    const inInbox = !/^\/(sign-in|sign-up|download)(\/|$)/.test(new URL(target.url).pathname);
    if (inInbox && (await askToOpen(target, conversationId))) return;
    try {
      await target.navigate(path);
    } catch {
      await self.clients.openWindow(path);
    }
  }

  self.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const conversationId = event.notification.data?.conversationId;
    event.waitUntil(
      typeof conversationId === 'string' ? openConversation(conversationId) : self.clients.openWindow('/'),
    );
  });

  function base64urlToBytes(value) {
    const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  }

  async function csrfHeader() {
    try {
      const cookie = self.cookieStore ? await self.cookieStore.get('om_csrf') : null;
      return cookie ? { 'x-csrf-token': cookie.value } : {};
    } catch {
      return {};
    }
  }

  async function callNode(method, path, body) {
    return fetch(API + path, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...(await csrfHeader()) },
      body: JSON.stringify(body),
    });
  }

  // The push service replaced or dropped this browser's subscription: subscribe again with the node's key
  // and tell the node (with this browser's choice of previews), dropping the old endpoint.
  async function resubscribe(event) {
    let subscription = event.newSubscription ?? null;
    if (!subscription) {
      let key = event.oldSubscription?.options?.applicationServerKey ?? null;
      if (!key) {
        const answer = await fetch(`${API}/push/key`, { credentials: 'same-origin' });
        const pushKey = answer.ok ? await answer.json() : null;
        if (!pushKey?.enabled || !pushKey.publicKey) return;
        key = base64urlToBytes(pushKey.publicKey);
      }
      subscription = await self.registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: key,
      });
    }
    const previews = (await read('previews')) === true;
    if (event.oldSubscription && event.oldSubscription.endpoint !== subscription.endpoint)
      await callNode('DELETE', '/push/subscriptions', { endpoint: event.oldSubscription.endpoint }).catch(
        () => undefined,
      );
    await callNode('POST', '/push/subscriptions', { ...subscription.toJSON(), previews });
  }

  self.addEventListener('pushsubscriptionchange', (event) => {
    event.waitUntil(resubscribe(event).catch(() => undefined));
  });
})();
