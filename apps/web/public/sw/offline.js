// Opening the inbox offline, and taking over after a deploy (imported by /sw.js; a plain script).
//
// - Pages (navigations): network first, with a timeout; the last copy of each page is kept and served when the
//   network fails or is too slow. Pages are rendered per request with a CSP nonce: a cached page is the whole
//   response, its Content-Security-Policy header and the nonce in its HTML together, so its scripts still run.
//   Only answers of this origin that are a page (200, HTML) are kept: a redirect to /sign-in (signed out) passes
//   through untouched, and nothing is served from the cache to someone signed out (sign-out empties it).
// - /_next/static/*: cache first (file names carry a hash of their content: a name never changes its bytes), so
//   pages still open on an older build keep their chunks after a deploy.
// - Icons and the manifest: served from the cache, refreshed in the background.
// - /api/* and everything else: never touched (the inbox's saved data lives in IndexedDB, see
//   lib/offline/, and is cleared on sign-out).
// A new worker waits until the page says it is a safe moment (components/offline/use-app-update.ts posts
// 'openmsg-offline:activate'), then takes over; the pages and assets cached by older versions are deleted on activate
// (the static files stay: pages still open on the older version load their chunks from there).
(() => {
  const VERSION = 'offline-v1';
  const PAGES = `openmsg-${VERSION}-pages`;
  // Not versioned: file names carry their content's hash, and a page still open on the previous version needs its
  // chunks after this version took over (trimmed to MAX_STATIC instead).
  const STATIC = 'openmsg-static';
  const ASSETS = `openmsg-${VERSION}-assets`;
  const OURS = [PAGES, STATIC, ASSETS];
  /** How long a page may take before the saved copy is shown instead (the network answer still refreshes it). */
  const NAVIGATION_TIMEOUT_MS = 4000;
  /** The most pages kept (one per address visited: the list and some threads). */
  const MAX_PAGES = 30;
  /** The most static files kept: a few builds' chunks. */
  const MAX_STATIC = 400;
  const ASSET_PATHS = ['/manifest.webmanifest', '/icon.svg', '/favicon.ico', '/apple-icon.png'];
  /** Pages of the signed-in inbox worth keeping for opening offline (the thread and list pages). */
  const INBOX_PAGE = /^\/(c\/[^/]+)?$/;

  self.addEventListener('install', () => {
    // No skipWaiting here: the page decides when taking over is safe (no draft or send interrupted).
  });

  self.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        const names = await caches.keys();
        await Promise.all(
          names
            .filter((name) => name.startsWith('openmsg-') && !OURS.includes(name))
            .map((name) => caches.delete(name)),
        );
        await self.clients.claim();
      })(),
    );
  });

  self.addEventListener('message', (event) => {
    const data = event.data || {};
    if (data.type === 'openmsg-offline:activate') self.skipWaiting();
    else if (data.type === 'openmsg-offline:version' && event.ports[0]) event.ports[0].postMessage(VERSION);
    else if (data.type === 'openmsg-offline:keep' && typeof data.page === 'string' && Array.isArray(data.scripts)) {
      // A page of the signed-in inbox asks that an inbox page be kept for opening offline (lib/offline/service-worker.ts).
      const reply = event.ports[0];
      event.waitUntil(
        keep(data).then(
          (kept) => reply && reply.postMessage(kept ? 'kept' : 'failed'),
          () => reply && reply.postMessage('failed'),
        ),
      );
    } else if (data.type === 'openmsg-offline:clear') {
      const reply = event.ports[0];
      event.waitUntil(clearSaved().then(() => reply && reply.postMessage('cleared')));
    }
  });

  self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.mode === 'navigate') {
      if (INBOX_PAGE.test(url.pathname)) event.respondWith(navigation(event));
      return;
    }
    if (url.pathname.startsWith('/_next/static/')) event.respondWith(cacheFirst(request));
    else if (ASSET_PATHS.includes(url.pathname) || url.pathname.startsWith('/icons/'))
      event.respondWith(staleWhileRevalidate(request));
  });

  const isPage = (response) =>
    response.ok &&
    response.type === 'basic' &&
    !response.redirected &&
    (response.headers.get('content-type') || '').includes('text/html');

  /** The cached copy is kept per address without its query (?next=..., a search): the thread's page is the same. */
  const pageKey = (url) => {
    const key = new URL(url);
    key.search = '';
    key.hash = '';
    return key.href;
  };

  async function navigation(event) {
    const request = event.request;
    const key = pageKey(request.url);
    const fromNetwork = fetch(request).then(async (response) => {
      if (isPage(response)) await keepPage(key, response.clone());
      return response;
    });
    event.waitUntil(fromNetwork.catch(() => undefined));
    const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, 'timeout'));
    try {
      const first = await Promise.race([fromNetwork, timeout]);
      if (first !== 'timeout') return first;
      const saved = await savedPage(key);
      return saved || (await fromNetwork);
    } catch (error) {
      const saved = await savedPage(key);
      if (saved) return saved;
      throw error;
    }
  }

  /**
   * This address's copy, else another inbox page's: every inbox page is the same shell (the list and the thread
   * come from the address, components/inbox/inbox-split.tsx), so the most recently kept one serves any of them.
   */
  async function savedPage(key) {
    const cache = await caches.open(PAGES);
    const exact = await cache.match(key, { ignoreVary: true });
    if (exact) return exact;
    const kept = await cache.keys();
    return kept.length > 0 ? cache.match(kept[kept.length - 1], { ignoreVary: true }) : undefined;
  }

  async function keepPage(key, response) {
    const cache = await caches.open(PAGES);
    await cache.put(key, response);
    await trim(cache, MAX_PAGES);
  }

  async function cacheFirst(request) {
    const cache = await caches.open(STATIC);
    const saved = await cache.match(request);
    if (saved) return saved;
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') {
      await cache.put(request, response.clone());
      void trim(cache, MAX_STATIC);
    }
    return response;
  }

  async function staleWhileRevalidate(request) {
    const cache = await caches.open(ASSETS);
    const saved = await cache.match(request);
    const fresh = fetch(request).then(async (response) => {
      if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
      return response;
    });
    if (saved) {
      fresh.catch(() => undefined);
      return saved;
    }
    return fresh;
  }

  /** Oldest entries first out (Cache keeps insertion order; a page put again moves to the end). */
  async function trim(cache, max) {
    const keys = await cache.keys();
    await Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map((key) => cache.delete(key)));
  }

  /**
   * `page`: the address of the page asking; `servedByWorker`: whether this worker served it (and so kept it, when it
   * is an inbox page); `scripts`: the build files it loaded. An inbox page loaded before this worker existed (the first
   * visit) is kept now with its scripts; any other page (Settings, Connect, the welcome) has the list page kept instead,
   * since a thread reached from there without loading a page would otherwise have nothing to open offline.
   */
  async function keep({ page, servedByWorker, scripts }) {
    const url = new URL(page, self.location.origin);
    if (!INBOX_PAGE.test(url.pathname)) return warm([new URL('/', self.location.origin).href]);
    return servedByWorker ? true : warm([url.href, ...scripts]);
  }

  /**
   * Keeps the inbox pages and static files named, and the static files each kept page names (a page asked for from
   * another page, whose scripts this browser never loaded); true when every one of them is kept.
   */
  async function warm(urls) {
    const own = urls
      .map((url) => new URL(url, self.location.origin))
      .filter((url) => url.origin === self.location.origin);
    const pages = own.filter((url) => INBOX_PAGE.test(url.pathname));
    const files = new Set(own.filter((url) => url.pathname.startsWith('/_next/static/')).map((url) => url.href));
    try {
      for (const url of pages) {
        const response = await fetch(url.href, { credentials: 'same-origin', redirect: 'manual' });
        if (!isPage(response)) return false;
        for (const file of staticFilesOf(await response.clone().text())) files.add(file);
        await keepPage(pageKey(url.href), response);
      }
      const cache = await caches.open(STATIC);
      const kept = await Promise.all(
        [...files].map(async (href) => {
          if (await cache.match(href)) return true;
          const response = await fetch(href);
          if (!response.ok) return false;
          await cache.put(href, response);
          return true;
        }),
      );
      return kept.every(Boolean);
    } catch {
      return false; // offline meanwhile: the next visit keeps it
    }
  }

  /** The build's files a page's HTML names: its script and style tags, and the chunks its inline data loads. */
  function staticFilesOf(html) {
    const found = html.match(/(?:\/_next\/)?static\/(?:chunks|css|media)\/[^"'\\\s)]+/g) || [];
    return found.map((path) => new URL(path.startsWith('/') ? path : `/_next/${path}`, self.location.origin).href);
  }

  /** Signing out: the pages (which only a signed-in person may see) go; the static files hold nobody's data. */
  async function clearSaved() {
    await caches.delete(PAGES);
  }
})();
