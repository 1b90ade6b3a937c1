import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ApiException } from '../http/api-error';

/** Validates a client API body or query with a zod schema; a 400 `validation_failed` names every bad field. */
export function validateWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ApiException('validation_failed', result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '), {
    fields: result.error.issues.map((issue) => issue.path.join('.')),
  });
}

/** The same as a pipe, for handlers not (yet) declared with @ApiRoute; those use @RouteBody()/@RouteQuery() instead. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return validateWith(this.schema, value);
  }
}
