import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { API_ERRORS, type ApiError, apiErrorCodeForStatus, isStorageFaultCode } from '@openmsg/core';
import type { FastifyReply } from 'fastify';
import { STORAGE_FAULT_RETRY_AFTER_SECONDS, type StorageFaultMonitor } from '../database/storage-fault-monitor';
import { ApiException, apiErrorBody } from './api-error';

/**
 * Every client API error has one shape, `{statusCode, error, message, detail?, fields?}`, and the
 * status of its code in the contract (API_ERRORS). Our own errors are ApiExceptions; Nest's (404 for
 * an unknown route, ...) get the generic code of their status. Unexpected errors answer 500
 * without details (they may hold data) and are logged by name only. A storage fault (the database
 * cannot be reached, the disk is full, read-only) answers 503 with its own code and Retry-After,
 * logged once per fault by the monitor. The federation endpoints have their own filter: they
 * answer in the protocol's shape.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(private readonly faults: StorageFaultMonitor) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const fault = exception instanceof HttpException ? null : this.faults.faultOf(exception);
    const body = fault ? apiErrorBody(fault) : toApiError(exception, this.logger);
    if (isStorageFaultCode(body.error)) void reply.header('retry-after', String(STORAGE_FAULT_RETRY_AFTER_SECONDS));
    void reply.status(body.statusCode).send(body);
  }
}

function toApiError(exception: unknown, logger: Logger): ApiError {
  if (exception instanceof ApiException) return exception.body;
  if (exception instanceof HttpException) {
    const code = apiErrorCodeForStatus(exception.getStatus());
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return {
      statusCode: API_ERRORS[code].status,
      error: code,
      message: typeof message === 'string' ? message : API_ERRORS[code].message,
    };
  }
  logger.error({
    msg: 'unhandled error',
    error: exception instanceof Error ? exception.name : typeof exception,
    stack: exception instanceof Error ? exception.stack : undefined,
  });
  return { statusCode: 500, error: 'internal_error', message: API_ERRORS.internal_error.message };
}
