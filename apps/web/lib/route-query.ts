import { queryOptions } from '@tanstack/react-query';
import type { ApiRoute } from '@openmsg/core/api';
import { callApi, type CallArgs } from './api-client';

interface KeyInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
}

/** The cache key of a GET route's answer, derived from the route contract: `[method, path, params, query]`. */
export function routeKey(route: ApiRoute, input?: KeyInput) {
  return [route.method, route.path, input?.params ?? {}, input?.query ?? {}] as const;
}

/**
 * A key prefix that selects every cached answer of a route, or those for some path parameters
 * (TanStack Query matches keys by prefix, and objects in them by subset).
 */
export function routePrefix(route: ApiRoute, params?: Record<string, string>) {
  return params ? ([route.method, route.path, params] as const) : ([route.method, route.path] as const);
}

/** useQuery options for a GET route: the key from the route and its input, the fetch from callApi. */
export function routeQuery<R extends ApiRoute>(route: R, ...[input]: CallArgs<R>) {
  return queryOptions({
    queryKey: routeKey(route, input as KeyInput | undefined),
    queryFn: ({ signal }) => callApi(route, ...([input, signal] as CallArgs<R>)),
  });
}
