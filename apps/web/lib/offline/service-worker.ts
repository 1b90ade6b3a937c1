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

/**
 * On the first visit the page and its scripts loaded before the worker existed: it is told to keep them now, so
 * the next visit opens offline. Later visits go through the worker, which keeps what it serves.
 * Sets `data-offline-ready` on <html> once kept (tests wait for it).
 */
export async function keepPagesForOffline(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return;
  if (cameThroughWorker()) {
    document.documentElement.dataset.offlineReady = 'true'; // the worker kept this page as it served it
    return;
  }
  const scripts = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => new URL(url).pathname.startsWith('/_next/static/'));
  const answer = await ask(worker, { type: 'openmsg-offline:warm', urls: [window.location.href, ...scripts] });
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
