import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '@openmsg/db';
import { chunkCount, sealChunk } from '../../src/files/file-cipher';
import { readBody } from './loopback-server';
import { StandInNode } from './stand-in-node';

/** The chunk size of the test files: the smallest files-1 allows, so that small files have several chunks. */
export const TEST_CHUNK_SIZE = 65_536;

/** A file's plaintext and its encrypted form (docs/extensions/files.md §5), as a sender holds it. */
export interface TestFile {
  plain: Buffer;
  key: Buffer;
  sha256: string;
  chunkSize: number;
  sealed: Buffer[];
}

export function makeTestFile(size: number, chunkSize = TEST_CHUNK_SIZE): TestFile {
  const plain = randomBytes(size);
  const key = randomBytes(32);
  const count = chunkCount(size, chunkSize);
  const sealed = Array.from({ length: count }, (_, index) =>
    sealChunk(key, index, index === count - 1, plain.subarray(index * chunkSize, (index + 1) * chunkSize)),
  );
  return { plain, key, sha256: createHash('sha256').update(plain).digest('hex'), chunkSize, sealed };
}

/** The encrypted form from `fromChunk` on: what a fetch answers. */
export function encryptedFrom(file: TestFile, fromChunk = 0): Buffer {
  return Buffer.concat(file.sealed.slice(fromChunk));
}

/** A sent message with one whole file on `connectionId`, written as the sender's node holds it. Its attachment id. */
export async function insertSentFile(db: Database, connectionId: string, file: TestFile, name = 'a.bin') {
  const connection = await db.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const message = await db.message.create({
    data: {
      accountId: connection.accountId,
      connectionId,
      otherAddress: connection.otherAddress,
      direction: 'out',
      body: 'a file for you',
      state: 'delivered',
    },
  });
  const attachment = await db.attachment.create({
    data: {
      accountId: connection.accountId,
      messageId: message.id,
      name,
      contentType: 'application/octet-stream',
      size: file.plain.length,
      storedBytes: file.plain.length,
      sha256: file.sha256,
      fileKey: file.key.toString('hex'),
      chunkSize: file.chunkSize,
      state: 'ready',
    },
  });
  for (const [index, data] of file.sealed.entries())
    await db.attachmentChunk.create({ data: { attachmentId: attachment.id, index, data: new Uint8Array(data) } });
  return { attachmentId: attachment.id, messageId: message.id };
}

/**
 * A received message with one file to fetch on `connectionId` (what wire's writeIncoming writes from a manifest):
 * state fetching, due now. `manifest` may lie about the file (its hash, its size).
 */
export async function insertReceivedFile(
  db: Database,
  connectionId: string,
  remoteId: string,
  file: TestFile,
  manifest: { sha256?: string; size?: number; receivedAt?: Date; dueAt?: Date } = {},
) {
  const connection = await db.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const now = manifest.receivedAt ?? new Date();
  const message = await db.message.create({
    data: {
      accountId: connection.accountId,
      connectionId,
      otherAddress: connection.otherAddress,
      direction: 'in',
      body: 'a file for you',
      state: 'received',
      createdAt: now,
    },
  });
  const attachment = await db.attachment.create({
    data: {
      accountId: connection.accountId,
      messageId: message.id,
      name: 'received.bin',
      contentType: 'application/octet-stream',
      size: manifest.size ?? file.plain.length,
      sha256: manifest.sha256 ?? file.sha256,
      fileKey: file.key.toString('hex'),
      chunkSize: file.chunkSize,
      state: 'fetching',
      remoteId,
      nextAttemptAt: manifest.dueAt ?? new Date(),
      createdAt: now,
    },
  });
  return { attachmentId: attachment.id, messageId: message.id };
}

/** Records that `domain` announced files-1 (as the node does from a success answer that carries it). */
export async function announceFiles1(db: Database, domain: string): Promise<void> {
  const extensions = JSON.stringify(FILES_1_ANNOUNCEMENT);
  await db.peerExtensions.upsert({
    where: { domain },
    create: { domain, extensions, seenAt: new Date() },
    update: { extensions, seenAt: new Date() },
  });
}

/** The bytes an account holds against its quota. */
export async function quotaUsed(db: Database, accountId: string): Promise<bigint> {
  return (await db.fileStorageUsage.findUnique({ where: { key: `account:${accountId}` } }))?.bytes ?? 0n;
}

/** The plaintext a node holds for an attachment, its chunks opened in order (null when one does not open). */
export async function heldChunks(db: Database, attachmentId: string): Promise<Buffer[]> {
  const rows = await db.attachmentChunk.findMany({ where: { attachmentId }, orderBy: { index: 'asc' } });
  return rows.map((row) => Buffer.from(row.data));
}

export type FetchScript = (
  request: Record<string, unknown>,
  response: ServerResponse,
  sentBytes: (n: number) => void,
) => Promise<void> | void;

/**
 * A stand-in sender of files: the v1.0 stand-in (handshakes, callbacks) that also answers files-1's fetch as its
 * script says (the file as it should be, or more, less, never finished, altered) and records the receipts it gets.
 */
export class FilesSenderStandIn extends StandInNode {
  readonly fetches: Array<Record<string, unknown>> = [];
  readonly receipts: Array<Record<string, unknown>> = [];
  /** Bytes written to fetch answers so far. */
  sentBytes = 0;
  onFetch: FetchScript = (_request, response) => {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"error":true,"response_code":"FL_E002","error_code":"file_unknown","error_message":"no"}');
  };
  receiptAnswer: { status: number; body: unknown } = { status: 200, body: { success: true } };

  /** `announce`: its success answers carry files-1's announcement (files.md §1), as a node with files on does. */
  constructor(
    domain: string,
    readonly announce = true,
  ) {
    super(domain);
  }

  protected override async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').replace(/\/+$/, '');
    if (path !== '/openmsg/files-1/fetch' && path !== '/openmsg/files-1/receipt') {
      if (this.announce) announceInSuccessAnswers(response);
      return super.handle(request, response);
    }
    const body = JSON.parse((await readBody(request)).toString('utf8')) as Record<string, unknown>;
    if (path === '/openmsg/files-1/receipt') {
      this.receipts.push(body);
      response.writeHead(this.receiptAnswer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(this.receiptAnswer.body));
      return;
    }
    this.fetches.push(body);
    await this.onFetch(body, response, (n) => (this.sentBytes += n));
  }
}

const FILES_1_ANNOUNCEMENT = { 'files-1': { max_file_bytes: 104_857_600, max_text_chars: 64_000, max_files: 10 } };

/** Adds `openmsg_extensions` to the JSON success answer the v1.0 stand-in writes on `response`. */
function announceInSuccessAnswers(response: ServerResponse): void {
  const end = response.end.bind(response) as (chunk?: unknown) => ServerResponse;
  response.end = ((chunk?: unknown) => {
    if (typeof chunk !== 'string') return end(chunk);
    try {
      const json = JSON.parse(chunk.trim()) as Record<string, unknown>;
      if (json.success !== true) return end(chunk);
      return end(JSON.stringify({ ...json, openmsg_extensions: FILES_1_ANNOUNCEMENT }));
    } catch {
      return end(chunk);
    }
  }) as ServerResponse['end'];
}

/** Serves `file` from the request's from_chunk, as a correct sender does. */
export function serveWhole(file: TestFile): FetchScript {
  return (request, response, sent) => {
    const body = encryptedFrom(file, Number(request.from_chunk));
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
    response.end(body);
    sent(body.length);
  };
}
