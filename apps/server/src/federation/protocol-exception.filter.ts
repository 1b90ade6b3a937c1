import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/**
 * On the federation endpoints a bad request (unparsable JSON, body too large, wrong content type)
 * is still a protocol outcome: HTTP 200 with `{"error": true, ...}`, as peers expect. An internal
 * failure is HTTP 500 with the same shape, so the caller treats it as a failed attempt.
 */
@Catch()
export class ProtocolExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Federation');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      void reply.status(200).send({ error: true, response_code: 'SM_E000', error_code: 'unknown_error', error_message: `bad request: ${exception.message}` });
      return;
    }
    this.logger.error({ msg: 'federation endpoint failed', error: (exception as Error)?.message });
    void reply.status(500).send({ error: true, response_code: 'SM_E000', error_code: 'unknown_error', error_message: 'internal error' });
  }
}
