import { z } from 'zod';

export type WireParseResult<T> =
  { ok: true; value: T } | { ok: false; missing: string[]; invalid: string[]; message: string };

/**
 * Validates an untrusted body. Fields that are absent, null or "" count as missing (the
 * reference treats every falsy value that way), so callers can answer "data missing" precisely.
 */
export function parseWireBody<S extends z.ZodType>(
  schema: S,
  requiredFields: readonly string[],
  body: unknown,
): WireParseResult<z.output<S>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, missing: [...requiredFields], invalid: ['(body)'], message: 'the body must be a JSON object' };
  }
  const record = body as Record<string, unknown>;
  const missing = requiredFields.filter(
    (field) => record[field] === undefined || record[field] === null || record[field] === '',
  );
  if (missing.length > 0) {
    return { ok: false, missing, invalid: [], message: `missing ${missing.join(', ')}` };
  }
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const invalid = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(body)'))];
  const message = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'} ${issue.message}`).join('; ');
  return { ok: false, missing: [], invalid, message };
}
