import {
  type ApiError as ApiErrorBody,
  type ApiErrorCode,
  type ApiRoute,
  apiErrorCodeForStatus,
  isApiErrorCode,
  type RouteInput,
  type RouteResponse,
  routeUrl,
} from '@openmsg/core/api';
import { CSRF_COOKIE, CSRF_HEADER } from '@openmsg/core/api/session-names';

/** `offline`: the browser did not reach this origin at all (no answer, so no code from the node). */
export type ClientErrorCode = ApiErrorCode | 'offline';

/** An error answer of the node's client API, with what the UI can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly fields: string[] = [],
    /** The technical cause (a peer's answer, a protocol code), for a small detail line. */
    readonly detail: string | null = null,
    /** The node's Retry-After, in seconds, when it said when to try again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

function csrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const match = document.cookie.split('; ').find((entry) => entry.startsWith(`${CSRF_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(CSRF_COOKIE.length + 1)) : undefined;
}

/** A route's input, optional where the route has no path parameters and no body. */
export type CallArgs<R extends ApiRoute> = object extends RouteInput<R> ? [input?: RouteInput<R>, signal?: AbortSignal] : [input: RouteInput<R>, signal?: AbortSignal];

interface LooseInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/**
 * Calls a route of the client API (packages/core/src/api/routes.ts) on this origin: its URL from
 * the route's path, parameters and query; a JSON body and the CSRF header on state-changing calls.
 * Answers with the route's answer type; throws ApiError with the node's error code.
 */
export async function callApi<R extends ApiRoute>(route: R, ...[input, signal]: CallArgs<R>): Promise<RouteResponse<R>> {
  const { params, query, body } = (input ?? {}) as LooseInput;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (route.method !== 'GET') {
    headers['content-type'] = 'application/json';
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(routeUrl(route, { params, query }), {
      method: route.method,
      headers,
      body: route.method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      credentials: 'same-origin',
      signal,
    });
  } catch (caught) {
    if (signal?.aborted) throw caught;
    throw new ApiError(0, 'offline', 'cannot reach the server');
  }
  if (response.status === 204) return undefined as RouteResponse<R>;
  const payload = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (payload ?? {}) as Partial<ApiErrorBody>;
    const code = isApiErrorCode(error.error) ? error.error : apiErrorCodeForStatus(response.status);
    const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
    throw new ApiError(
      response.status,
      code,
      error.message ?? `request failed (${response.status})`,
      error.fields ?? [],
      error.detail ?? null,
      Number.isFinite(retryAfter) ? retryAfter : null,
    );
  }
  return payload as RouteResponse<R>;
}
