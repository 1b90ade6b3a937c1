import type { FastifyInstance } from 'fastify';

/** How long a stopping node lets the answers under way finish before it closes every connection left. */
const CLOSE_GRACE_MS = 10_000;

/**
 * A graceful stop does not wait on keep-alive connections: once the node begins to close, every answer says
 * `Connection: close`, so a connection whose request was under way at SIGTERM ends with its answer instead of idling
 * until the keep-alive timeout (72 s) while the process waits for it (a rolling restart of replicas would take
 * minutes, and a supervisor's grace period would kill the process instead).
 */
export function closeConnectionsWhenClosing(fastify: FastifyInstance, graceMs = CLOSE_GRACE_MS): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    // What is still open after the grace period is cut: a connection that never sends its request (seen after
    // thousands of browsers reconnected at once and the kernel fell back to SYN cookies) must not hold the stop.
    setTimeout(() => fastify.server.closeAllConnections(), graceMs).unref();
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}
