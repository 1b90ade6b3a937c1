import { createHash, randomBytes } from 'node:crypto';
import { apiPath, generateSecretHex, type SharedFileView } from '@openmsg/core';
import { v7 as timeOrderedUuid } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chunkCount, newFileKey, sealChunk } from '../../../src/files/file-cipher';
import {
  FileLinksService,
  SHARED_FILE_REQUESTS_PER_WINDOW,
  SHARED_FILE_WINDOW_SECONDS,
} from '../../../src/files/file-links.service';
import { MaintenanceService } from '../../../src/maintenance/maintenance.service';
import { NodeKeysService } from '../../../src/node-keys/node-keys.service';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { advanceClock, restoreClock } from '../kit/clock';
import { InProcessNode } from '../kit/in-process-node';

const DAY_MS = 86_400_000;
const CHUNK = 65_536;

interface TestFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** Download links (files.md §6): made once per file, served to anyone holding one, gone with the message. */
describe.each(DATABASE_KINDS)('file links (%s)', { timeout: 120_000 }, (kind) => {
  let node: InProcessNode;
  let links: FileLinksService;
  let accountId: string;
  let sources = 0;
  /** A source address of its own per request, so the per-source cap only counts where a test means it to. */
  const freshSource = () => `198.51.${Math.floor(++sources / 250)}.${(sources % 250) + 1}`;

  beforeAll(async () => {
    // With a node key, the token is stored sealed: the database alone does not give the links away.
    node = await InProcessNode.start(kind, 'a.test', { OPENMSG_NODE_KEY: generateSecretHex() });
    links = node.app.get(FileLinksService);
    await node.createUser('100', 'Ann Sender');
    accountId = (await node.db.account.findUniqueOrThrow({ where: { addressId: '100' } })).id;
  });
  afterAll(() => node?.close());
  afterEach(() => restoreClock());

  /** An outgoing message to a v1.0 peer with these files, stored as an upload would store them. */
  async function sentMessage(files: TestFile[]): Promise<{ messageId: string; attachmentIds: string[] }> {
    const keys = node.app.get(NodeKeysService);
    const messageId = timeOrderedUuid();
    await node.db.message.create({
      data: {
        id: messageId,
        accountId,
        otherAddress: '7*reference.test',
        direction: 'out',
        body: keys.sealBody('see the files'),
        state: 'delivered',
      },
    });
    const attachmentIds: string[] = [];
    for (const [position, file] of files.entries()) {
      const key = newFileKey();
      const id = timeOrderedUuid();
      attachmentIds.push(id);
      await node.db.attachment.create({
        data: {
          id,
          accountId,
          messageId,
          position,
          name: file.name,
          contentType: file.contentType,
          size: file.bytes.length,
          storedBytes: file.bytes.length,
          sha256: createHash('sha256').update(file.bytes).digest('hex'),
          fileKey: keys.sealSecret(key.toString('hex')),
          chunkSize: CHUNK,
          state: 'ready',
        },
      });
      const n = chunkCount(file.bytes.length, CHUNK);
      for (let index = 0; index < n; index++) {
        const plain = file.bytes.subarray(index * CHUNK, (index + 1) * CHUNK);
        await node.db.attachmentChunk.create({
          data: { attachmentId: id, index, data: new Uint8Array(sealChunk(key, index, index === n - 1, plain)) },
        });
      }
    }
    return { messageId, attachmentIds };
  }

  const get = (path: string, source = freshSource()) => node.fetch(path, { headers: { 'x-forwarded-for': source } });
  const view = (token: string, source?: string) => get(apiPath('sharedFile', { params: { token } }), source);
  const download = (token: string, source?: string) => get(apiPath('sharedFileContent', { params: { token } }), source);

  it('makes one link per file, in the message order, sealed at rest, found by its SHA-256; the same at every call', async () => {
    const before = Date.now();
    const { messageId, attachmentIds } = await sentMessage([
      { name: 'holiday.jpg', contentType: 'image/jpeg', bytes: randomBytes(1000) },
      { name: 'notes.txt', contentType: 'text/plain', bytes: Buffer.from('hello') },
    ]);
    const first = await links.linksFor(messageId);
    expect(first.map((link) => link.attachmentId)).toEqual(attachmentIds);
    expect(first.map((link) => [link.name, link.size, link.contentType])).toEqual([
      ['holiday.jpg', 1000, 'image/jpeg'],
      ['notes.txt', 5, 'text/plain'],
    ]);
    for (const link of first) {
      expect(link.url).toMatch(/^https:\/\/a\.test\/download\/[A-Za-z0-9_-]{43}$/);
      const lifetime = link.expiresAt.getTime() - before;
      expect(lifetime).toBeGreaterThanOrEqual(30 * DAY_MS);
      expect(lifetime).toBeLessThan(30 * DAY_MS + 60_000);
    }
    const rows = await node.db.fileLink.findMany({ where: { attachmentId: { in: attachmentIds } } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const token = tokenOf(first.find((link) => link.attachmentId === row.attachmentId)!.url);
      expect(row.token.startsWith('enc1:')).toBe(true);
      expect(row.token).not.toContain(token);
      expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    }
    expect(await links.linksFor(messageId)).toEqual(first);
    expect(await links.linksFor(timeOrderedUuid())).toEqual([]);
  });

  it('creates each link once under a burst of 50 concurrent calls, every call answering the same links', async () => {
    const { messageId, attachmentIds } = await sentMessage(
      Array.from({ length: 3 }, (_, i) => ({
        name: `f${i}.bin`,
        contentType: 'application/octet-stream',
        bytes: randomBytes(10),
      })),
    );
    const answers = await Promise.all(Array.from({ length: 50 }, () => links.linksFor(messageId)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(new Set(answers[0]!.map((link) => link.url)).size).toBe(3);
    expect(await node.db.fileLink.count({ where: { attachmentId: { in: attachmentIds } } })).toBe(3);
  });

  it('shows who sent what until when, without sign-in', async () => {
    const { messageId } = await sentMessage([
      { name: 'Bericht März.pdf', contentType: 'application/pdf', bytes: randomBytes(2048) },
    ]);
    const [link] = await links.linksFor(messageId);
    const answer = await view(tokenOf(link!.url));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect((await answer.json()) as SharedFileView).toEqual({
      name: 'Bericht März.pdf',
      contentType: 'application/pdf',
      size: 2048,
      from: '100*a.test',
      fromName: 'Ann Sender',
      expiresAt: link!.expiresAt.toISOString(),
    });
  });

  it('downloads the same bytes, streamed over several chunk batches, as an attachment that never runs', async () => {
    const bytes = randomBytes(11 * CHUNK + 123);
    const name = 'Überweisung "März" <script>.html';
    const { messageId } = await sentMessage([{ name, contentType: 'text/html', bytes }]);
    const [link] = await links.linksFor(messageId);
    const answer = await download(tokenOf(link!.url));
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);
    expect(answer.headers.get('content-length')).toBe(String(bytes.length));
    // The type the sender claimed (HTML) never reaches the browser: a download, not sniffed, sandboxed.
    expect(answer.headers.get('content-type')).toBe('application/octet-stream');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const disposition = answer.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(name);
  });

  it('downloads an empty file', async () => {
    const { messageId } = await sentMessage([{ name: 'empty.txt', contentType: 'text/plain', bytes: Buffer.alloc(0) }]);
    const [link] = await links.linksFor(messageId);
    const answer = await download(tokenOf(link!.url));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-length')).toBe('0');
    expect((await answer.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers an unknown, an expired and a deleted link alike: 404 not_found', async () => {
    const unknown = randomBytes(32).toString('base64url');
    const { messageId } = await sentMessage([{ name: 'a.txt', contentType: 'text/plain', bytes: Buffer.from('a') }]);
    const second = await sentMessage([{ name: 'b.txt', contentType: 'text/plain', bytes: Buffer.from('b') }]);
    const expiring = tokenOf((await links.linksFor(messageId))[0]!.url);
    const deleted = tokenOf((await links.linksFor(second.messageId))[0]!.url);
    expect((await download(deleted)).status).toBe(200);

    await node.db.message.delete({ where: { id: second.messageId } });
    // Deleting the message deletes its files and, with them, their links.
    expect(await node.db.fileLink.count({ where: { attachmentId: { in: second.attachmentIds } } })).toBe(0);

    const answers = [];
    for (const token of [unknown, deleted]) answers.push(await view(token), await download(token));
    advanceClock(30 * DAY_MS + 1000);
    answers.push(await view(expiring), await download(expiring));
    const bodies = await Promise.all(answers.map(async (answer) => [answer.status, await answer.json()]));
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0]).toEqual([404, { statusCode: 404, error: 'not_found', message: 'not found' }]);
    // A token that is not one this node could have given out is a malformed request.
    expect((await view('too-short')).status).toBe(400);
  });

  it('takes at most the cap of requests from one source in a window, of a burst sent at once', async () => {
    const { messageId } = await sentMessage([{ name: 'c.txt', contentType: 'text/plain', bytes: Buffer.from('c') }]);
    const token = tokenOf((await links.linksFor(messageId))[0]!.url);
    const burst = SHARED_FILE_REQUESTS_PER_WINDOW + 40;
    const answers = await Promise.all(
      Array.from({ length: burst }, (_, i) => (i % 2 ? view(token, '203.0.113.9') : download(token, '203.0.113.9'))),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(SHARED_FILE_REQUESTS_PER_WINDOW);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40);
    expect((await view(token, '203.0.113.10')).status).toBe(200);
    // The window passes: the source is served again.
    advanceClock(SHARED_FILE_WINDOW_SECONDS * 1000 + 1000);
    expect((await view(token, '203.0.113.9')).status).toBe(200);
  });

  it('cuts a download short when a stored chunk does not open, rather than send wrong bytes', async () => {
    const bytes = randomBytes(3 * CHUNK);
    const { messageId, attachmentIds } = await sentMessage([
      { name: 'x.bin', contentType: 'application/octet-stream', bytes },
    ]);
    const [link] = await links.linksFor(messageId);
    const chunk = await node.db.attachmentChunk.findUniqueOrThrow({
      where: { attachmentId_index: { attachmentId: attachmentIds[0]!, index: 1 } },
    });
    const altered = Buffer.from(chunk.data);
    altered[10]! ^= 1;
    await node.db.attachmentChunk.update({
      where: { attachmentId_index: { attachmentId: attachmentIds[0]!, index: 1 } },
      data: { data: new Uint8Array(altered) },
    });
    // The answer ends before its Content-Length: the client sees a failed transfer (here inject gives up on it).
    const received = await download(tokenOf(link!.url)).then(
      async (answer) => (await answer.arrayBuffer()).byteLength,
      () => -1,
    );
    expect(received).toBeLessThan(bytes.length);
    expect(node.logs()).toContain('shared file download cut short');
    // The node goes on serving.
    expect((await view(tokenOf(link!.url))).status).toBe(200);
  });

  it('purges links once they expired and no retry of their message can still carry them', async () => {
    const { messageId, attachmentIds } = await sentMessage([
      { name: 'd.txt', contentType: 'text/plain', bytes: Buffer.from('d') },
    ]);
    await links.linksFor(messageId);
    const maintenance = node.app.get(MaintenanceService);
    const expires = (await node.db.fileLink.findFirstOrThrow({ where: { attachmentId: attachmentIds[0]! } })).expiresAt;
    await maintenance.purgeExpired(new Date(expires.getTime() + DAY_MS));
    expect(await node.db.fileLink.count({ where: { attachmentId: attachmentIds[0]! } })).toBe(1);
    const counts = await maintenance.purgeExpired(
      new Date(expires.getTime() + node.config.delivery.maxAgeSeconds * 1000 + 2 * DAY_MS),
    );
    expect(counts.fileLinks).toBeGreaterThanOrEqual(1);
    expect(await node.db.fileLink.count({ where: { attachmentId: attachmentIds[0]! } })).toBe(0);
  });
});
