import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { files1ErrorReply } from '@openmsg/core';
import type { FastifyReply } from 'fastify';
import { STORAGE_FAULT_RETRY_AFTER_SECONDS, StorageFaultMonitor } from '../database/storage-fault-monitor';

/**
 * The files-1 endpoints answer in their own shape (docs/extensions/files.md §4): a request the node could not read
 * (a body too large, not JSON) is 400 FL_E000; a storage fault 503 FL_E008 with Retry-After (nothing changed, the
 * same request later will be served); anything else 500, which the receiver treats as a failed attempt.
 */
@Catch()
export class Files1ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Files1');

  constructor(private readonly faults: StorageFaultMonitor) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      void reply.status(400).send(files1ErrorReply('FL_E000', `bad request: ${exception.message}`));
      return;
    }
    const fault = exception instanceof HttpException ? null : this.faults.faultOf(exception);
    if (fault) {
      void reply
        .status(503)
        .header('retry-after', String(STORAGE_FAULT_RETRY_AFTER_SECONDS))
        .send(files1ErrorReply('FL_E008', `temporarily unavailable (${fault}): try again later`));
      return;
    }
    this.logger.error({ msg: 'files-1 endpoint failed', error: (exception as Error)?.message });
    void reply.status(500).send(files1ErrorReply('FL_E008', 'internal error', 'internal_error'));
  }
}
