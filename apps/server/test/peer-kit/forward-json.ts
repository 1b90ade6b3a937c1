import { request as httpRequest, type IncomingMessage } from 'node:http';

/** Passes a JSON request on to `target` (same method and path) and answers its status and whole body. */
export function forwardJson(
  target: string,
  request: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      new URL(request.url ?? '/', target),
      {
        method: request.method,
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 502, body: Buffer.concat(chunks) }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
