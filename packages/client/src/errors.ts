import { type ApiError as ApiErrorBody, type ApiErrorCode, apiErrorCodeForStatus, isApiErrorCode } from '@openmsg/core';

/**
 * Every code a call can fail with: the node's own (`ApiErrorCode`, see API_ERRORS in
 * `@openmsg/core/api`), or `offline` when no answer came at all (the node or the network is down).
 */
export type ClientErrorCode = ApiErrorCode | 'offline';

/**
 * A failed call to the node: its HTTP status (0 when `offline`), the code to decide on, a sentence
 * for people, the names of the bad fields of a `validation_failed`, and the technical cause when
 * the node gave one (another node's answer, a protocol code).
 */
export class OpenmsgError extends Error {
  override readonly name = 'OpenmsgError';

  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly fields: string[] = [],
    readonly detail: string | null = null,
    /** The node's `Retry-After` in seconds, when it said when to try again (503 storage faults, 429). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  /** `error.is('not_found')` narrows the code. */
  is<C extends ClientErrorCode>(code: C): this is OpenmsgError & { readonly code: C } {
    return this.code === code;
  }

  /** The error of a failed answer: its code from the node's error body, or from the status when the HTTP layer gave none. */
  static async fromResponse(response: Response): Promise<OpenmsgError & { readonly code: ApiErrorCode }> {
    const body = ((await response.json().catch(() => null)) ?? {}) as Partial<ApiErrorBody>;
    const code = isApiErrorCode(body.error) ? body.error : apiErrorCodeForStatus(response.status);
    const error = new OpenmsgError(
      response.status,
      code,
      body.message ?? `request failed (${response.status})`,
      Array.isArray(body.fields) ? body.fields : [],
      body.detail ?? null,
      retryAfterOf(response),
    );
    return error as OpenmsgError & { readonly code: ApiErrorCode };
  }
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date), or null when absent or unreadable. */
function retryAfterOf(response: Response): number | null {
  const value = response.headers.get('retry-after');
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/** True for an OpenmsgError, and with `code`, only for one with that code. */
export function isOpenmsgError<C extends ClientErrorCode = ClientErrorCode>(
  value: unknown,
  code?: C,
): value is OpenmsgError & { readonly code: C } {
  return value instanceof OpenmsgError && (code === undefined || value.code === code);
}
