import type { ApiError as ApiErrorBody } from '@openmsg/core/api';
import { CSRF_COOKIE, CSRF_HEADER } from '@openmsg/core/api/session-names';

/** An error answer of the node's client API, with what the UI can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: string[] = [],
    /** The technical cause (a peer's answer, a protocol code), for a small detail line. */
    readonly detail: string | null = null,
  ) {
    super(message);
  }
}

function csrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const match = document.cookie.split('; ').find((entry) => entry.startsWith(`${CSRF_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(CSRF_COOKIE.length + 1)) : undefined;
}

/** Calls /api/v1 on this origin; state-changing calls carry the CSRF header. Throws ApiError. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'offline', 'cannot reach the server: check your connection');
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (payload ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(response.status, error.error ?? 'error', error.message ?? `request failed (${response.status})`, error.fields ?? [], error.detail ?? null);
  }
  return payload as T;
}
