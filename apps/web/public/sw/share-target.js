// See /sw.js. Text and files shared into the inbox from the system share sheet (Web Share Target).
//
// The web app manifest (app/manifest.ts) names POST /share/incoming (multipart/form-data: title, text, url, files)
// as the share target. This worker takes that request before it reaches the server, keeps what was shared in
// IndexedDB (files stay Blobs on disk, and no cache clean-up of another script can drop them) and answers 303 to
// /share, where the person picks a conversation (lib/share-store.ts reads and clears the same database). Signed
// out, /share goes through sign-in and the share waits here meanwhile. Without this worker in control, the server
// route of the same path carries the text to /share and says the files were lost.
//
// The database's layout is shared with lib/share-store.ts: keep the two in step.
(() => {
  const SHARE_ACTION = '/share/incoming';
  const DATABASE = 'openmsg-share';
  const STORE = 'pending';
  /** Files kept when the node's limits cannot be asked for (offline): the page and the composer check the rest. */
  const MAX_FILES_UNKNOWN_LIMITS = 50;
  const NODE_INFO_TIMEOUT_MS = 3000;

  self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'POST') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin || url.pathname !== SHARE_ACTION) return;
    event.respondWith(keepShared(request));
  });

  async function keepShared(request) {
    let form;
    try {
      form = await request.formData();
    } catch {
      return Response.redirect('/share?problem=unreadable', 303);
    }
    const field = (name) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const files = form.getAll('files').filter((value) => typeof value !== 'string' && value.size >= 0);
    const { kept, leftOut } = splitFiles(files, await nodeFileLimits());
    try {
      const database = await openDatabase();
      await run(database, (store) => store.clear()); // a new share replaces one not yet sent
      const stored = [];
      for (const file of kept) {
        const key = `file-${stored.length}`;
        try {
          await run(database, (store) => store.put(file, key));
          stored.push({ key, name: file.name || 'file', type: file.type, size: file.size });
        } catch {
          leftOut.push({ name: file.name || 'file', size: file.size, reason: 'not-kept' }); // the browser's storage is full
        }
      }
      const share = {
        receivedAt: new Date().toISOString(),
        title: field('title'),
        text: field('text'),
        url: field('url'),
        files: stored,
        leftOut,
        conversationId: null,
      };
      await run(database, (store) => store.put(share, 'share'));
      database.close();
    } catch {
      return Response.redirect('/share?problem=not-kept', 303);
    }
    return Response.redirect('/share', 303);
  }

  /**
   * The rule of splitSharedFiles in lib/shared-content.ts: none when the node takes no files, then too big for the
   * node, or beyond one message's files. `limits` undefined: the node did not answer, so keep (almost) everything.
   */
  function splitFiles(files, limits) {
    const kept = [];
    const leftOut = [];
    const maxFiles = limits ? limits.maxFilesPerMessage : MAX_FILES_UNKNOWN_LIMITS;
    for (const file of files) {
      const name = file.name || 'file';
      if (limits === null) leftOut.push({ name, size: file.size, reason: 'no-files' });
      else if (limits && file.size > limits.maxFileBytes) leftOut.push({ name, size: file.size, reason: 'too-big' });
      else if (kept.length >= maxFiles) leftOut.push({ name, size: file.size, reason: 'too-many' });
      else kept.push(file);
    }
    return { kept, leftOut };
  }

  /**
   * GET /api/v1/node's file limits (public): null when the node takes no files, undefined when it does not answer in
   * time (nothing is left out then; the page and the composer check again).
   */
  async function nodeFileLimits() {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), NODE_INFO_TIMEOUT_MS);
    try {
      const response = await fetch('/api/v1/node', { signal: controller.signal, credentials: 'same-origin' });
      if (!response.ok) return undefined;
      const node = await response.json();
      const files = node ? node.files : undefined;
      if (files === null) return null;
      if (files && Number.isFinite(files.maxFileBytes) && Number.isFinite(files.maxFilesPerMessage)) return files;
      return undefined;
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  function openDatabase() {
    return new Promise((resolve, reject) => {
      const opening = indexedDB.open(DATABASE, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
  }

  /** One request in its own read-write transaction, settled when the transaction is (a failed write rejects). */
  function run(database, operation) {
    return new Promise((resolve, reject) => {
      const transaction = database.transaction(STORE, 'readwrite');
      operation(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }
})();
