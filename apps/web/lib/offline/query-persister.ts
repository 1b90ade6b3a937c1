'use client';

import type { PersistedClient, Persister } from '@tanstack/react-query-persist-client';
import type { Query } from '@tanstack/react-query';
import { createStore, del, get, set } from 'idb-keyval';

/**
 * The signed-in inbox's server data saved in IndexedDB (TanStack Query's persister, over idb-keyval), so the
 * inbox opens offline with the conversations and the recent messages it had. Only what the inbox needs to show
 * them is kept, and bounded: the account, the node, the first page of conversations, and the newest page of the
 * THREADS_KEPT most recently loaded threads. It is dropped on sign-out, on the sign-in page and when another
 * account's data comes back (components/offline/offline-support.tsx).
 */
const KEY = 'inbox';
/** How many threads are kept (the most recently updated ones), each its newest page. */
export const THREADS_KEPT = 20;
/** How many messages per thread. */
export const MESSAGES_KEPT = 50;
/** Saved data older than this is not restored (TanStack Query's maxAge; the in-memory gcTime matches it). */
export const SAVED_FOR_MS = 7 * 24 * 60 * 60 * 1000;
/** A change of what is saved or how: older saves are then ignored. */
export const SAVE_FORMAT = 'inbox-1';

let opened: ReturnType<typeof createStore> | null = null;
const store = () => (opened ??= createStore('openmsg-saved-inbox', 'queries'));

/** After a sign-out no save may land (a throttled one still pending): the inbox's next mount allows them again. */
let allowed = true;

/**
 * The kept routes' paths (apiRoutes' me, nodeInfo, listConversations, conversationMessages), written out: the
 * route table with its zod schemas would otherwise load with every page, the sign-in page too
 * (test/query-persister-paths.test.ts holds them to the table).
 */
export const SAVED_PATHS = {
  me: '/me',
  nodeInfo: '/node',
  listConversations: '/conversations',
  conversationMessages: '/conversations/:conversationId/messages',
} as const;
const KEPT_PATHS = new Set<string>(Object.values(SAVED_PATHS));

/** The queries worth saving: a successful answer of a kept route (TanStack's dehydrate filter). */
export function shouldSave(query: Query): boolean {
  const [method, path] = query.queryKey;
  return query.state.status === 'success' && method === 'GET' && typeof path === 'string' && KEPT_PATHS.has(path);
}

interface PagesData {
  pages: Array<{ items: unknown[] } & Record<string, unknown>>;
  pageParams: unknown[];
}

const isPages = (data: unknown): data is PagesData =>
  typeof data === 'object' && data !== null && Array.isArray((data as PagesData).pages);

/** The newest page only (the first an infinite query loads), at most `items` of it. */
function firstPage(data: PagesData, items: number): PagesData {
  const [page] = data.pages;
  if (!page) return data;
  return { pages: [{ ...page, items: page.items.slice(0, items) }], pageParams: data.pageParams.slice(0, 1) };
}

/** Bounds what is saved: one page per infinite query, and only the most recently updated threads. */
export function bounded(client: PersistedClient): PersistedClient {
  const threads = client.clientState.queries
    .filter((query) => query.queryKey[1] === SAVED_PATHS.conversationMessages)
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)
    .slice(0, THREADS_KEPT);
  const queries = client.clientState.queries
    .filter((query) => query.queryKey[1] !== SAVED_PATHS.conversationMessages || threads.includes(query))
    .map((query) =>
      isPages(query.state.data)
        ? { ...query, state: { ...query.state, data: firstPage(query.state.data, MESSAGES_KEPT * 2) } }
        : query,
    );
  return { ...client, clientState: { ...client.clientState, queries } };
}

const THROTTLE_MS = 1000;
let pending: PersistedClient | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function writeSoon(client: PersistedClient) {
  pending = client;
  timer ??= setTimeout(() => {
    timer = null;
    const toWrite = pending;
    pending = null;
    if (toWrite && allowed) void set(KEY, bounded(toWrite), store()).catch(() => undefined);
  }, THROTTLE_MS);
}

export function inboxPersister(): Persister {
  allowed = true;
  return {
    persistClient: (client) => writeSoon(client),
    restoreClient: async () => {
      try {
        return await get<PersistedClient>(KEY, store());
      } catch {
        return undefined; // IndexedDB unavailable: the inbox starts from the network
      }
    },
    removeClient: async () => {
      await del(KEY, store()).catch(() => undefined);
    },
  };
}

/** The account whose data is saved (the `me` answer in the save), to drop another account's. */
export async function savedAccountId(): Promise<string | null> {
  const saved = await get<PersistedClient>(KEY, store()).catch(() => undefined);
  const me = saved?.clientState.queries.find((query) => query.queryKey[1] === SAVED_PATHS.me);
  const data = me?.state.data as { id?: unknown } | undefined;
  return typeof data?.id === 'string' ? data.id : null;
}

/** Signing out or in: the saved inbox goes, and no save still pending lands afterwards. */
export async function dropSavedInbox(): Promise<void> {
  allowed = false;
  pending = null;
  await del(KEY, store()).catch(() => undefined);
}
