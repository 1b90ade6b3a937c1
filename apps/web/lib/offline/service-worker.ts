'use client';

/**
 * Talking to public/sw/offline.js. Every message is answered over a MessageChannel; none waits long (a worker
 * that is not there yet or never answers only means nothing is kept).
 */
function ask(worker: ServiceWorker, message: object, timeoutMs = 15_000): Promise<unknown> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = window.setTimeout(() => resolve(null), timeoutMs);
    channel.port1.onmessage = (event) => {
      window.clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/** The inbox's list and thread pages: one shell, which the worker keeps for opening any of them offline. */
const INBOX_PAGE = /^\/(c\/[^/]+)?$/;

/**
 * Makes sure the worker keeps an inbox page and its scripts for opening offline. A list or thread page that came
 * through the worker was kept as it was served; one loaded before the worker existed (the first visit) is kept now,
 * with the scripts it loaded. Any other page (Settings, Connect, the welcome) has the list page kept instead: a
 * thread reached from there without loading a page would otherwise have nothing to open offline.
 * Sets `data-offline-ready` on <html> once kept (tests wait for it).
 */
export async function keepPagesForOffline(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return;
  const onInboxPage = INBOX_PAGE.test(window.location.pathname);
  if (onInboxPage && cameThroughWorker()) {
    document.documentElement.dataset.offlineReady = 'true';
    return;
  }
  const urls = onInboxPage
    ? [
        window.location.href,
        ...performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((url) => new URL(url).pathname.startsWith('/_next/static/')),
      ]
    : [new URL('/', window.location.origin).href];
  const answer = await ask(worker, { type: 'openmsg-offline:warm', urls });
  if (answer === 'warm') document.documentElement.dataset.offlineReady = 'true';
}

/**
 * Whether a service worker served this document. Being controlled now does not say so: a worker registered during
 * this visit claims the page once active, often before the inbox has loaded who is signed in and asks.
 */
function cameThroughWorker(): boolean {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return (navigation?.workerStart ?? 0) > 0;
}

/** Signing out: the pages kept for opening offline go (the worker's cache; also directly, should no worker run). */
export async function dropKeptPages(): Promise<void> {
  if (typeof caches !== 'undefined') {
    const names = await caches.keys().catch(() => [] as string[]);
    await Promise.all(names.filter((name) => /^openmsg-.*-pages$/.test(name)).map((name) => caches.delete(name)));
  }
}

/** The version of the worker controlling this page (tests compare it after a deploy). */
export async function controllingVersion(): Promise<string | null> {
  const worker = navigator.serviceWorker?.controller;
  return worker ? ((await ask(worker, { type: 'openmsg-offline:version' }, 5000)) as string | null) : null;
}
