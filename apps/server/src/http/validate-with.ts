import type { z } from 'zod';
import { ApiException } from './api-error';

/** Validates a client API body or query with a zod schema; a 400 `validation_failed` names every bad field. */
export function validateWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ApiException(
    'validation_failed',
    result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
    {
      fields: result.error.issues.map((issue) => issue.path.join('.')),
    },
  );
}
