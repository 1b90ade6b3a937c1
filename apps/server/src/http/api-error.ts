import { HttpException } from '@nestjs/common';
import { API_ERRORS, type ApiError, type ApiErrorCode } from '@openmsg/core';

/**
 * An error of the client API, thrown by services with one of the codes of `@openmsg/core/api`
 * (API_ERRORS). The code decides the HTTP status; `message` defaults to the code's sentence.
 */
export class ApiException extends HttpException {
  readonly body: ApiError;

  constructor(
    readonly code: ApiErrorCode,
    message: string = API_ERRORS[code].message,
    extra: { detail?: string; fields?: string[] } = {},
  ) {
    const body: ApiError = {
      ...apiErrorBody(code, message),
      ...(extra.detail ? { detail: extra.detail } : {}),
      ...(extra.fields ? { fields: extra.fields } : {}),
    };
    super(body, body.statusCode);
    this.body = body;
  }
}

/** The body of an error answered outside Nest (a Fastify hook), in the same shape. */
export function apiErrorBody(code: ApiErrorCode, message: string = API_ERRORS[code].message): ApiError {
  return { statusCode: API_ERRORS[code].status, error: code, message };
}
