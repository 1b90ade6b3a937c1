import type { Readable } from 'node:stream';

export type CappedBody = { ok: true; bytes: Buffer } | { ok: false; received: number };

/** Reads a response body, giving up (and destroying the stream) as soon as it passes `maxBytes`. */
export async function readCappedBody(body: Readable, maxBytes: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    received += buffer.length;
    if (received > maxBytes) {
      body.destroy();
      return { ok: false, received };
    }
    chunks.push(buffer);
  }
  return { ok: true, bytes: Buffer.concat(chunks, received) };
}

/** The reference wraps its JSON in stray whitespace and labels it text/html: trim, then parse regardless. */
export function parseLenientJson(bytes: Buffer): { ok: true; json: unknown } | { ok: false } {
  const text = bytes.toString('utf8').trim();
  if (text === '') return { ok: false };
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
