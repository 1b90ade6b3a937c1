import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';

/** Documents a JSON body in the OpenAPI document from the same zod schema that validates it. */
export function ApiJsonBody(schema: z.ZodType): MethodDecorator {
  return ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> });
}
