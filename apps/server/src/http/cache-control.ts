import type { FastifyInstance } from 'fastify';

/** Client API answers that are the same for everybody; a browser or proxy may keep them briefly. */
const PUBLIC_CLIENT_API = new Set(['/api/v1/node']);

/**
 * Every other client API answer is one user's data (messages, contacts, tokens): no browser,
 * shared cache or proxy may keep a copy (`no-store`), including error answers.
 */
export function forbidCachingPersonalAnswers(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const path = request.url.split('?', 1)[0]!.replace(/\/+$/, '');
    if (path.startsWith('/api/v1/') && !PUBLIC_CLIENT_API.has(path)) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
