'use client';

import {
  infiniteQueryOptions,
  type InfiniteData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { apiRoutes, type Conversation, type MessageView, type Page } from '@openmsg/core/api';
import { useCallback } from 'react';
import { callApi } from './api-client';
import { type ThreadPage, withLiveMessages } from './live-messages';
import { routeKey, routeQuery } from './route-query';

/** The conversation list loads this many at a time ("Show more conversations" for the next). */
export const CONVERSATIONS_PAGE = 100;
/** A thread opens at its newest page of this many; older pages load on scroll. */
export const THREAD_PAGE = 50;

export type Pages<T> = InfiniteData<Page<T>, string | undefined>;

const nextCursor = (page: Page<unknown>) => page.nextCursor ?? undefined;

/** Each item once, in the order first met: pages fetched at different times can overlap. */
function unique<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && Boolean(seen.add(item.id)));
}

export const conversationsQuery = () =>
  infiniteQueryOptions({
    queryKey: routeKey(apiRoutes.listConversations, { query: { limit: CONVERSATIONS_PAGE } }),
    queryFn: ({ pageParam, signal }) =>
      callApi(apiRoutes.listConversations, { query: { limit: CONVERSATIONS_PAGE, cursor: pageParam } }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });

export const threadQuery = (conversationId: string) =>
  infiniteQueryOptions({
    queryKey: routeKey(apiRoutes.conversationMessages, { params: { conversationId }, query: { limit: THREAD_PAGE } }),
    queryFn: async ({ pageParam, signal }): Promise<ThreadPage> => {
      const fetchedFrom = Date.now();
      const page = await callApi(
        apiRoutes.conversationMessages,
        { params: { conversationId }, query: { limit: THREAD_PAGE, cursor: pageParam } },
        signal,
      );
      return { ...page, fetchedFrom };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });

const flattenConversations = (data: Pages<Conversation>) => unique(data.pages.flatMap((page) => page.items));

/** Conversations, most recent first, as many pages as were asked for. */
export function useConversations() {
  return useInfiniteQuery({ ...conversationsQuery(), select: flattenConversations });
}

const byTime = (a: MessageView, b: MessageView) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * One conversation's messages, oldest first; the live stream patches this cache (lib/stream-cache.ts), and what it
 * heard after a page was requested is laid over that page (lib/live-messages.ts).
 */
export function useThread(conversationId: string) {
  const oldestFirst = useCallback(
    (data: InfiniteData<ThreadPage, string | undefined>) =>
      unique(withLiveMessages(conversationId, data.pages)).sort(byTime),
    [conversationId],
  );
  return useInfiniteQuery({ ...threadQuery(conversationId), select: oldestFirst });
}

export function useMe() {
  return useQuery(routeQuery(apiRoutes.me));
}

/** The node's domain and registration mode: they change only with a restart, so fetched once per page load. */
export const nodeInfoQuery = () => queryOptions({ ...routeQuery(apiRoutes.nodeInfo), staleTime: Infinity });

export function useNodeInfo() {
  return useQuery(nodeInfoQuery());
}
