import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STORAGE_FAULT_RETRY_AFTER_SECONDS, StorageFaultMonitor } from '../database/storage-fault-monitor';

/**
 * On the federation endpoints a bad request (unparsable JSON, body too large, wrong content type)
 * is still a protocol outcome: HTTP 200 with `{"error": true, ...}`, as peers expect. An internal
 * failure is HTTP 500 with the same shape, so the caller treats it as a failed attempt. A storage
 * fault (the database cannot be reached, the disk is full, read-only) is HTTP 503 with Retry-After
 * and SM_E008 (rejected for now, try later): nothing was stored, and the same request later will be.
 */
@Catch()
export class ProtocolExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Federation');

  constructor(private readonly faults: StorageFaultMonitor) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      void reply.status(200).send({
        error: true,
        response_code: 'SM_E000',
        error_code: 'unknown_error',
        error_message: `bad request: ${exception.message}`,
      });
      return;
    }
    const fault = exception instanceof HttpException ? null : this.faults.faultOf(exception);
    if (fault) {
      void reply
        .status(503)
        .header('retry-after', String(STORAGE_FAULT_RETRY_AFTER_SECONDS))
        .send({
          error: true,
          response_code: 'SM_E008',
          error_code: 'message_rejected_temp',
          error_message: `temporarily unavailable (${fault}): try again later`,
        });
      return;
    }
    this.logger.error({ msg: 'federation endpoint failed', error: (exception as Error)?.message });
    void reply
      .status(500)
      .send({ error: true, response_code: 'SM_E000', error_code: 'unknown_error', error_message: 'internal error' });
  }
}
