import { CLIENT_FORWARDING_HEADERS, clientAddressOf } from './client-address';

/**
 * Passes a request on to the Openmsg node (the server app) and streams its answer back, so the
 * browser talks to one origin. Where the node lives is read at run time from OPENMSG_NODE_URL.
 * Behind Caddy in production, /api and /openmsg go straight to the node and this is not used.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'accept-encoding',
]);

export function nodeUrl(): string {
  return (process.env.OPENMSG_NODE_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
}

export async function proxyToNode(request: Request): Promise<Response> {
  const incoming = new URL(request.url);
  const target = `${nodeUrl()}${incoming.pathname}${incoming.search}`;
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && !(CLIENT_FORWARDING_HEADERS as readonly string[]).includes(name))
      headers.set(name, value);
  });
  // The node counts its per-source caps by this address; it believes it from this app only
  // (OPENMSG_TRUSTED_PROXIES), and it is always set here, never appended to what a client sent.
  const client = clientAddressOf(request);
  if (!client)
    return Response.json(
      {
        statusCode: 500,
        error: 'client_address_unknown',
        message: 'the inbox could not tell where this request came from',
      },
      { status: 500 },
    );
  headers.set('x-forwarded-for', client);
  headers.set('x-forwarded-host', request.headers.get('host') ?? incoming.host);
  headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      signal: request.signal,
      // @ts-expect-error -- Node's fetch needs this to stream a request body.
      duplex: 'half',
    });
  } catch {
    return Response.json(
      { statusCode: 502, error: 'node_unreachable', message: 'the Openmsg node does not answer' },
      { status: 502 },
    );
  }
  const answer = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-encoding' && name !== 'set-cookie') answer.set(name, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) answer.append('set-cookie', cookie);
  return new Response(upstream.body, { status: upstream.status, headers: answer });
}
