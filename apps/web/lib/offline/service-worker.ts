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
 * Has the worker keep an inbox page and its scripts for opening offline (which page, and whether it is kept
 * already, is the worker's rule: public/sw/offline.js, `keep`). Sets `data-offline-ready` on <html> once kept (tests
 * wait for it).
 */
export async function keepPagesForOffline(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return;
  const scripts = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => new URL(url).pathname.startsWith('/_next/static/'));
  const answer = await ask(worker, {
    type: 'openmsg-offline:keep',
    page: window.location.href,
    servedByWorker: cameThroughWorker(),
    scripts,
  });
  if (answer === 'kept') document.documentElement.dataset.offlineReady = 'true';
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
