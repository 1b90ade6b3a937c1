import { Readable } from 'node:stream';
import busboy from 'busboy';
import { sharedQuery, type SharedFields } from '@/lib/shared-content';

/**
 * The share target's action (app/manifest.ts) when no service worker took it: the first share after installing,
 * or after the browser dropped the worker. The text goes on to /share in the query; files cannot wait anywhere
 * here, so they are only counted (drained, never held in memory) and /share says they were lost. Signed out,
 * /share goes through sign-in with the query kept in `?next=` (proxy.ts lets this POST through to here).
 */
export const runtime = 'nodejs';

const FIELD_MAX_BYTES = 64 * 1024;

export async function POST(request: Request) {
  const read = await readShare(request).catch(() => null);
  const location = read ? `/share?${sharedQuery(read.fields, read.files)}` : '/share?problem=unreadable';
  // 303: the browser follows with a GET, whatever method brought it here.
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

async function readShare(request: Request): Promise<{ fields: SharedFields; files: number }> {
  const type = request.headers.get('content-type') ?? '';
  if (!request.body) return { fields: { title: '', text: '', url: '' }, files: 0 };
  const fields: SharedFields = { title: '', text: '', url: '' };
  let files = 0;
  const parser = busboy({
    headers: { 'content-type': type },
    limits: { fieldSize: FIELD_MAX_BYTES, fields: 20, parts: 1000 },
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => {
      if (name === 'title' || name === 'text' || name === 'url') fields[name] = value;
    });
    parser.on('file', (_name, stream) => {
      files++;
      stream.resume();
    });
    parser.on('close', resolve);
    parser.on('error', reject);
    Readable.fromWeb(request.body as import('node:stream/web').ReadableStream).pipe(parser);
  });
  return { fields, files };
}
