import { CallHandler, ExecutionContext, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { Observable } from 'rxjs';

/** A body the parser refused to hold (too large); the request still reaches routing so each side answers in its own format. */
export class OversizedBody {
  constructor(readonly limitBytes: number) {}
}

/**
 * Bodies are read as JSON whatever their content type (the reference sends JSON as text/html, and
 * peers are not all careful). Text that is not valid JSON reaches the handler as a string, so
 * validation answers it like any other malformed input. Past `limitBytes` nothing more is kept.
 */
export function registerLenientJsonParsing(fastify: FastifyInstance, limitBytes: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, payload, done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    payload.on('error', (error) => done(error, undefined));
    payload.on('end', () => {
      if (size > limitBytes) return done(null, new OversizedBody(limitBytes));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(null, text);
      }
    });
  });
}

/** Turns an oversized body into a 413 before any pipe sees it (the federation filter answers it as a protocol error). */
@Injectable()
export class OversizedBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    if (body instanceof OversizedBody) throw new PayloadTooLargeException(`body larger than ${body.limitBytes} bytes`);
    return next.handle();
  }
}
