import {
  type ApiError,
  type ApiRouteName,
  apiRoutes,
  type ApiRoutes,
  type RouteResponse,
  routeUrl,
} from '@openmsg/core';

export type { RouteInputArgs } from '@openmsg/core';

/**
 * A typed call's answer: the route's answer type with the error fields of a failed call (check
 * `status`). A 204 route has only the error fields (its body is null when it succeeds).
 */
export interface CallAnswer<N extends ApiRouteName> {
  status: number;
  body: [RouteResponse<ApiRoutes[N]>] extends [void]
    ? Partial<ApiError>
    : RouteResponse<ApiRoutes[N]> & Partial<ApiError>;
}

/** Input sent as it is, for requests that are malformed on purpose (wrong types, missing fields, a bad id). */
export interface UntypedInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** The HTTP request of a call through the contract: its method, its path with parameters and query, and its body if any. */
export function contractRequest(
  name: ApiRouteName,
  input: UntypedInput | undefined,
): { method: string; path: string; body: unknown } {
  const route = apiRoutes[name];
  const { params, query, body } = input ?? {};
  return { method: route.method, path: routeUrl(route, { params, query }), body };
}
