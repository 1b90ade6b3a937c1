import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` that hands the request to Fastify's `inject` instead of a socket, so clients written
 * for real HTTP (cookies, headers, JSON) run unchanged against an in-process node. The URL's host
 * is ignored; `x-test-remote-address` sets the connection's address (default 127.0.0.1).
 */
export function injectFetch(app: NestFastifyApplication): typeof fetch {
  const fastify = app.getHttpAdapter().getInstance();
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, 'http://node.test');
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const remoteAddress = headers['x-test-remote-address'] ?? '127.0.0.1';
    delete headers['x-test-remote-address'];
    const answer = await fastify.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers,
      payload: init.body === undefined || init.body === null ? undefined : (init.body as string | Buffer),
      remoteAddress,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [String(value)]) responseHeaders.append(name, one);
    }
    return new Response(NO_BODY.has(answer.statusCode) ? null : answer.rawPayload, {
      status: answer.statusCode,
      headers: responseHeaders,
    });
  }) as typeof fetch;
}
