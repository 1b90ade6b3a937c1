'use client';

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiRouteName, ApiRoutes, RouteInputArgs, RouteResponse } from '@openmsg/core/api';

/**
 * callApi by a route's name, for the sign-in and sign-up pages: the client and the contract's route
 * table (every route's zod schemas, about 40 KB gzipped) load with the first call instead of with the
 * page, so a visitor's first load carries neither. The signed-in inbox imports lib/api-client.ts as usual.
 */
export async function callRoute<N extends ApiRouteName>(
  name: N,
  ...[input, signal]: RouteInputArgs<N, [signal?: AbortSignal]>
): Promise<RouteResponse<ApiRoutes[N]>> {
  const [{ nodeClient }, { apiRoutes }] = await Promise.all([import('./api-client'), import('@openmsg/core/api')]);
  const route = apiRoutes[name] as ApiRoutes[ApiRouteName];
  return (await nodeClient.call(route, input as never, signal)) as RouteResponse<ApiRoutes[N]>;
}

/**
 * The node's domain and registration mode, on the sign-in and sign-up pages (their layout's own cache: the key
 * is the route's name, not the inbox's `[method, path, …]`, which would need the route table).
 */
export const lazyNodeInfoQuery = () =>
  queryOptions({
    queryKey: ['route', 'nodeInfo'] as const,
    queryFn: ({ signal }) => callRoute('nodeInfo', undefined, signal),
    staleTime: Infinity,
  });

export function useLazyNodeInfo() {
  return useQuery(lazyNodeInfoQuery());
}
