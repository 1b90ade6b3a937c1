import { z } from 'zod';
import type { LeftOutFile, SharedFields } from './shared-content';

/**
 * The share the service worker kept (public/sw/share-target.js writes it: keep the layout in step), read by /share
 * and by the conversation it was sent to. One share waits at a time, in this browser's IndexedDB, whoever is signed
 * in: shared signed out, it waits through sign-in. /share moves its text into the chosen conversation's draft and
 * marks the files for that conversation; the thread takes them (as if picked) and the share is gone.
 */
const DATABASE = 'openmsg-share';
const STORE = 'pending';
const SHARE_KEY = 'share';

const storedShareSchema = z.object({
  receivedAt: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string(),
  files: z.array(z.object({ key: z.string(), name: z.string(), type: z.string(), size: z.number() })),
  leftOut: z.array(
    z.object({ name: z.string(), size: z.number(), reason: z.enum(['no-files', 'too-big', 'too-many', 'not-kept']) }),
  ),
  conversationId: z.string().nullable(),
});
type StoredShare = z.infer<typeof storedShareSchema>;

export interface PendingShare {
  fields: SharedFields;
  /** Each file with its key in the store (sendShareTo names the ones that go). */
  files: { key: string; file: File }[];
  leftOut: LeftOutFile[];
}

const available = () => typeof indexedDB !== 'undefined';

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DATABASE, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

/** Runs `work` in one transaction and resolves its request's result once the transaction completes. */
function inTransaction<T>(
  database: IDBDatabase,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const transaction = database.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request ? request.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

async function withDatabase<T>(work: (database: IDBDatabase) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await work(database);
  } finally {
    database.close();
  }
}

async function readStored(database: IDBDatabase): Promise<StoredShare | null> {
  const parsed = storedShareSchema.safeParse(
    await inTransaction(database, 'readonly', (store) => store.get(SHARE_KEY)),
  );
  return parsed.success ? parsed.data : null;
}

/** A stored Blob as the File it was (IndexedDB keeps a File's name and type; a bare Blob gets them back). */
const asFile = (blob: Blob, name: string, type: string) =>
  blob instanceof File ? blob : new File([blob], name, { type });

async function readFiles(database: IDBDatabase, share: StoredShare): Promise<PendingShare['files']> {
  const files: PendingShare['files'] = [];
  for (const { key, name, type } of share.files) {
    const blob: unknown = await inTransaction(database, 'readonly', (store) => store.get(key));
    if (blob instanceof Blob) files.push({ key, file: asFile(blob, name, type) });
  }
  return files;
}

/** The share waiting, or null when there is none (or this browser keeps no IndexedDB). */
export async function readPendingShare(): Promise<PendingShare | null> {
  if (!available()) return null;
  return withDatabase(async (database) => {
    const share = await readStored(database);
    if (!share) return null;
    return {
      fields: { title: share.title, text: share.text, url: share.url },
      files: await readFiles(database, share),
      leftOut: share.leftOut,
    };
  });
}

/**
 * The share goes to `conversationId`: its text goes into that conversation's draft (so it is dropped here), and the
 * files named by `fileKeys` wait for the thread to take them. Without files, nothing is left to wait: the share is gone.
 */
export async function sendShareTo(conversationId: string, fileKeys: string[]): Promise<void> {
  if (!available()) return;
  await withDatabase(async (database) => {
    const share = await readStored(database);
    if (!share) return;
    const files = share.files.filter((file) => fileKeys.includes(file.key));
    if (files.length === 0) {
      await inTransaction(database, 'readwrite', (store) => store.clear());
      return;
    }
    const handed: StoredShare = { ...share, title: '', text: '', url: '', files, leftOut: [], conversationId };
    await inTransaction(database, 'readwrite', (store) => store.put(handed, SHARE_KEY));
  });
}

/**
 * The files shared into `conversationId`, once: read and cleared in one read-write transaction, so two threads
 * asking at the same time (React's development double effects) cannot both get them. None for another conversation.
 */
export async function takeSharedFiles(conversationId: string): Promise<File[]> {
  if (!available()) return [];
  return withDatabase(
    (database) =>
      new Promise<File[]>((resolve, reject) => {
        const files: File[] = [];
        const transaction = database.transaction(STORE, 'readwrite');
        const store = transaction.objectStore(STORE);
        const asked = store.get(SHARE_KEY);
        asked.onsuccess = () => {
          const parsed = storedShareSchema.safeParse(asked.result);
          if (!parsed.success || parsed.data.conversationId !== conversationId) return;
          for (const { key, name, type } of parsed.data.files) {
            const read = store.get(key);
            read.onsuccess = () => {
              const blob: unknown = read.result;
              if (blob instanceof Blob) files.push(asFile(blob, name, type));
            };
          }
          store.clear();
        };
        transaction.oncomplete = () => resolve(files);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      }),
  );
}

/** Drops the waiting share (Discard on /share). */
export async function discardPendingShare(): Promise<void> {
  if (!available()) return;
  await withDatabase((database) =>
    inTransaction(database, 'readwrite', (store) => store.clear()).then(() => undefined),
  );
}
