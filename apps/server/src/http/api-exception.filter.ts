import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { type ApiError, apiErrorCodeForStatus, isApiErrorCode } from '@openmsg/core';
import type { FastifyReply } from 'fastify';

/**
 * Every client API error has one shape, `{statusCode, error, message, detail?, fields?}`, whatever threw it.
 * Unexpected errors answer 500 without details (they may hold data) and are logged by name only.
 * The federation endpoints have their own filter: they answer in the protocol's shape.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    reply.status(statusOf(exception)).send(toApiError(exception, this.logger));
  }
}

function statusOf(exception: unknown): number {
  return exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
}

function toApiError(exception: unknown, logger: Logger): ApiError {
  if (!(exception instanceof HttpException)) {
    logger.error({ msg: 'unhandled error', error: exception instanceof Error ? exception.name : typeof exception, stack: exception instanceof Error ? exception.stack : undefined });
    return { statusCode: 500, error: 'internal_error', message: 'something went wrong on this node' };
  }
  const statusCode = exception.getStatus();
  const body = exception.getResponse();
  if (typeof body === 'object' && body !== null && 'error' in body && isApiErrorCode(body.error) && 'message' in body) {
    const { error, message, detail, fields } = body as { error: ApiError['error']; message: unknown; detail?: unknown; fields?: string[] };
    return {
      statusCode,
      error,
      message: Array.isArray(message) ? message.join('; ') : String(message),
      ...(typeof detail === 'string' ? { detail } : {}),
      ...(fields ? { fields } : {}),
    };
  }
  // Nest's own exceptions (404 for an unknown route, 413, ...) carry `{message, error: 'Not Found'}`.
  const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
  return { statusCode, error: apiErrorCodeForStatus(statusCode), message: String(message) };
}

