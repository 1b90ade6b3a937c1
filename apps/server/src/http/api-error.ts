import { HttpException } from '@nestjs/common';
import { API_ERRORS, type ApiErrorCode, statusOfApiError } from '@openmsg/core';

/**
 * An error of the client API, thrown by services with one of the codes of `@openmsg/core/api`
 * (API_ERRORS). The code decides the HTTP status; `message` defaults to the code's sentence.
 */
export class ApiException extends HttpException {
  constructor(
    readonly code: ApiErrorCode,
    message: string = API_ERRORS[code].message,
    extra: { detail?: string; fields?: string[] } = {},
  ) {
    super({ error: code, message, ...(extra.detail ? { detail: extra.detail } : {}), ...(extra.fields ? { fields: extra.fields } : {}) }, statusOfApiError(code));
  }
}
