import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { UPLOADS_PATH } from '@openmsg/core';
import type { FastifyInstance } from 'fastify';
import { ApiException, apiErrorBody } from './api-error';

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
  fastify.addContentTypeParser('*', (_request, payload, done) => readLenientJson(payload, limitBytes, done));
  // A tus upload's bytes (files/uploads-endpoint.ts) are left unread here: tus streams them into the database.
  fastify.addContentTypeParser(TUS_BODY_TYPE, (request, payload, done) =>
    isUploadPath(request.url) ? done(null, undefined) : readLenientJson(payload, limitBytes, done),
  );
}

const TUS_BODY_TYPE = 'application/offset+octet-stream';

function isUploadPath(url: string): boolean {
  const path = url.split('?', 1)[0]!;
  return path === UPLOADS_PATH || path.startsWith(`${UPLOADS_PATH}/`);
}

function readLenientJson(
  payload: NodeJS.ReadableStream,
  limitBytes: number,
  done: (error: Error | null, body?: unknown) => void,
): void {
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
}

/**
 * Turns an oversized body into a 413 before any pipe sees it (the federation filter answers it as a
 * protocol error). A guard rather than an interceptor: with any interceptor, Nest wraps every
 * request in async-resource bindings and an observable (measured: 5-8 % of a node's CPU).
 */
@Injectable()
export class OversizedBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    if (body instanceof OversizedBody)
      throw new ApiException('payload_too_large', `the request body is larger than ${body.limitBytes} bytes`);
    return true;
  }
}

/**
 * The client API takes bodies only as application/json. A browser cannot send that type to
 * another site without a CORS preflight (which this node never grants), so no other site can
 * post to the API in a user's name, even where no session exists yet (sign-in, sign-up).
 */
export function requireJsonBodiesOnClientApi(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const hasBody =
      Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    const contentType = request.headers['content-type'] ?? '';
    const json = /^application\/json\s*(;|$)/i.test(contentType);
    // tus bodies: no form can send this type to another site without a preflight either.
    const upload = contentType.trim().toLowerCase() === TUS_BODY_TYPE && isUploadPath(request.url);
    if (request.url.startsWith('/api/') && hasBody && !json && !upload) {
      const error = apiErrorBody('unsupported_media_type');
      void reply.code(error.statusCode).send(error);
      return;
    }
    done();
  });
}
