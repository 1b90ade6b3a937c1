/**
 * Files benchmark (issue 24): two real nodes on loopback, one handshake, then one file of each size from A to B,
 * on SQLite and PostgreSQL. End to end runs from the first byte of the upload to A until A records B's receipt
 * (B holds the whole file, its SHA-256 verified): the upload (tus, one PATCH), the message, B's fetch and receipt.
 * The ceiling moves the same bytes over the same two hops between bare Node servers in the same run: an upload to
 * server 1 (bytes counted, kept nowhere), then server 2 pulling them from server 1 — no database, no crypto.
 * Memory: each node's peak RSS during the file (VmHWM, reset before each file through /proc/PID/clear_refs)
 * minus its RSS just before.
 *
 *   pnpm --filter @openmsg/server bench:files                  (1, 25 and 100 MB, both databases)
 *   BENCH_FILE_MB=1,25 BENCH_DATABASES=sqlite pnpm --filter @openmsg/server bench:files
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { UPLOADS_PATH } from '@openmsg/core';
import { startPair, type DatabaseKind, type TestNode } from '../test/peer-kit/nodes';
import type { ApiClient } from '../test/peer-kit/api-client';
import { userViaCli } from './http-client';
import { peakRssMiB, rssMiB } from './stats';

const SIZES_MB = (process.env.BENCH_FILE_MB ?? '1,25,100').split(',').map(Number);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgresql').split(',') as DatabaseKind[];
const MB = 1024 * 1024;
const NODE_ENV = { LOG_LEVEL: 'error', OPENMSG_FILE_MAX_BYTES: String(200 * MB) };
const agent = new Agent({ keepAlive: true });

interface Row {
  setup: string;
  sizeMb: number;
  seconds: number;
  /** Of which the upload to A (tus, then A's pass over the stored file: hash, preview). */
  uploadSeconds: number;
  mbPerSecond: number;
  ceilingMbPerSecond: number;
  rssGrowthA: number;
  rssGrowthB: number;
}

/** The same pseudo-random 1 MiB block over and over: cheap to make, and no compression would help anyone. */
const BLOCK = createHash('sha512')
  .update('openmsg files bench')
  .digest()
  .toString('hex')
  .repeat(MB / 128)
  .slice(0, MB);
const BLOCK_BYTES = Buffer.from(BLOCK, 'latin1');

function writeBytes(target: NodeJS.WritableStream & { write(chunk: Buffer): boolean }, bytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let left = bytes;
    const pump = (): void => {
      while (left > 0) {
        const part = left >= MB ? BLOCK_BYTES : BLOCK_BYTES.subarray(0, left);
        left -= part.length;
        if (!target.write(part)) {
          target.once('drain', pump);
          return;
        }
      }
      resolve();
    };
    (target as NodeJS.EventEmitter).once('error', reject);
    pump();
  });
}

function expectedSha256(bytes: number): string {
  const hash = createHash('sha256');
  for (let left = bytes; left > 0; left -= MB) hash.update(left >= MB ? BLOCK_BYTES : BLOCK_BYTES.subarray(0, left));
  return hash.digest('hex');
}

function send(
  url: string,
  method: string,
  headers: Record<string, string | number>,
  body?: (outgoing: ReturnType<typeof request>) => Promise<void>,
): Promise<{ status: number; headers: IncomingMessage['headers']; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, agent, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    outgoing.on('error', reject);
    if (body) body(outgoing).then(() => outgoing.end(), reject);
    else outgoing.end();
  });
}

/** A tus upload in one PATCH; answers the attachment's id. */
async function upload(node: TestNode, client: ApiClient, bytes: number): Promise<string> {
  const auth = { authorization: `Bearer ${client.token}`, 'tus-resumable': '1.0.0' };
  const created = await send(`${node.baseUrl}${UPLOADS_PATH}`, 'POST', {
    ...auth,
    'upload-length': bytes,
    'upload-metadata': `filename ${Buffer.from('bench.bin').toString('base64')},filetype ${Buffer.from('application/octet-stream').toString('base64')}`,
  });
  if (created.status !== 201 || !created.headers.location)
    throw new Error(`tus creation answered ${created.status}: ${created.text}`);
  const location = new URL(created.headers.location, node.baseUrl).toString();
  const patched = await send(
    location,
    'PATCH',
    { ...auth, 'upload-offset': 0, 'content-type': 'application/offset+octet-stream', 'content-length': bytes },
    (outgoing) => writeBytes(outgoing, bytes),
  );
  if (patched.status !== 204) throw new Error(`tus PATCH answered ${patched.status}: ${patched.text}`);
  return location.split('/').pop() as string;
}

function resetPeakRss(pid: number | undefined): void {
  if (pid) writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function fileRun(a: TestNode, b: TestNode, alice: ApiClient, bob: ApiClient, sizeMb: number) {
  const bytes = sizeMb * MB;
  const before = { a: rssMiB(a.pid), b: rssMiB(b.pid) };
  resetPeakRss(a.pid);
  resetPeakRss(b.pid);
  const started = performance.now();
  const attachmentId = await upload(a, alice, bytes);
  const uploaded = performance.now();
  const sent = await alice.call('sendMessage', {
    body: { to: bob.address, text: `${sizeMb} MB`, attachments: [attachmentId] },
  });
  if (sent.status !== 201) throw new Error(`send answered ${sent.status}: ${JSON.stringify(sent.body)}`);
  for (;;) {
    const { body } = await alice.message(sent.body.id);
    const file = body.attachments[0];
    if (file?.state === 'delivered') break;
    if (file?.state === 'refused') throw new Error(`B refused the file: ${file.failureCode}`);
    await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  const uploadSeconds = (uploaded - started) / 1000;
  const growth = { a: peakRssMiB(a.pid) - before.a, b: peakRssMiB(b.pid) - before.b };
  await checkReceived(b, bob, alice.address, bytes);
  return { seconds, uploadSeconds, growth };
}

/** B's copy, downloaded and hashed (outside the timing): the same bytes as sent. */
async function checkReceived(b: TestNode, bob: ApiClient, from: string, bytes: number): Promise<void> {
  const conversation = await bob.conversationId(from);
  const page = await bob.call('conversationMessages', { params: { conversationId: conversation }, query: {} });
  const file = page.body.items[0]?.attachments[0];
  if (!file || file.state !== 'stored') throw new Error(`B does not hold the file: ${JSON.stringify(file)}`);
  const response = await fetch(`${b.baseUrl}/api/v1/attachments/${file.id}/content`, {
    headers: { authorization: `Bearer ${bob.token}` },
  });
  const hash = createHash('sha256');
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  if (hash.digest('hex') !== expectedSha256(bytes)) throw new Error('B holds other bytes than A sent');
}

/** The ceiling: the same bytes uploaded to a bare server, then pulled from it by a second bare server. */
async function ceiling(bytes: number): Promise<number> {
  let received = 0;
  const first: Server = createServer((incoming, response) => {
    if (incoming.method === 'POST') {
      incoming.on('data', (chunk: Buffer) => (received += chunk.length));
      incoming.on('end', () => response.writeHead(204).end());
      return;
    }
    response.writeHead(200, { 'content-length': bytes, 'content-type': 'application/octet-stream' });
    void writeBytes(response, bytes).then(() => response.end());
  });
  const second: Server = createServer((_incoming, response) => {
    request(`http://127.0.0.1:${(first.address() as AddressInfo).port}/`, { agent }, (pulled) => {
      let got = 0;
      pulled.on('data', (chunk: Buffer) => (got += chunk.length));
      pulled.on('end', () => response.writeHead(got === bytes ? 204 : 500).end());
    }).end();
  });
  await Promise.all(
    [first, second].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))),
  );
  try {
    const started = performance.now();
    const port = (server: Server) => (server.address() as AddressInfo).port;
    await send(`http://127.0.0.1:${port(first)}/`, 'POST', { 'content-length': bytes }, (outgoing) =>
      writeBytes(outgoing, bytes),
    );
    const pulled = await send(`http://127.0.0.1:${port(second)}/`, 'GET', {});
    if (received !== bytes || pulled.status !== 204) throw new Error('the bare transfer lost bytes');
    return (performance.now() - started) / 1000;
  } finally {
    await Promise.all([first, second].map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

async function benchDatabase(kind: DatabaseKind): Promise<Row[]> {
  const { a, b } = await startPair(kind, { a: NODE_ENV, b: NODE_ENV });
  const rows: Row[] = [];
  try {
    const alice = await userViaCli(a, '100', 'Alice');
    const bob = await userViaCli(b, '200', 'Bob');
    const connected = await alice.connect(bob.address, await bob.createPassCode());
    if (connected.status !== 201) throw new Error(`handshake failed: ${JSON.stringify(connected.body)}`);
    await fileRun(a, b, alice, bob, 1); // warm-up: JIT, connections, first statements
    for (const sizeMb of SIZES_MB) {
      const ceilingSeconds = await ceiling(sizeMb * MB);
      const { seconds, uploadSeconds, growth } = await fileRun(a, b, alice, bob, sizeMb);
      rows.push({
        setup: `nodes, ${kind}`,
        sizeMb,
        seconds,
        uploadSeconds,
        mbPerSecond: sizeMb / seconds,
        ceilingMbPerSecond: sizeMb / ceilingSeconds,
        rssGrowthA: growth.a,
        rssGrowthB: growth.b,
      });
    }
    return rows;
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await Promise.all([a.dispose(), b.dispose()]);
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const kind of DATABASES) rows.push(...(await benchDatabase(kind)));
  console.log(
    '\n| setup | file | end to end | of which upload | MB/s | bare HTTP MB/s | % of bare | peak RSS growth A / B |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows)
    console.log(
      `| ${row.setup} | ${row.sizeMb} MB | ${row.seconds.toFixed(2)} s | ${row.uploadSeconds.toFixed(2)} s | ${row.mbPerSecond.toFixed(1)} | ${row.ceilingMbPerSecond.toFixed(1)} | ${((100 * row.mbPerSecond) / row.ceilingMbPerSecond).toFixed(0)} % | ${row.rssGrowthA.toFixed(0)} / ${row.rssGrowthB.toFixed(0)} MiB |`,
    );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
