import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  buildFilesManifest,
  filesHash,
  fromBase64Url,
  type ManifestFile,
  type MessageReceiveRequestBody,
  openMessage,
  sealFilesPackage,
  sealMessage,
} from '@openmsg/core';
import { v7 as timeOrderedUuid } from 'uuid';
import { chunkCount, FILE_CHUNK_SIZE, newFileKey, sealChunk } from '../../../src/files/file-cipher';
import { NodeKeysService } from '../../../src/node-keys/node-keys.service';
import { LoopbackServer, readBody } from '../../peer-kit/loopback-server';
import type { Secrets } from '../../peer-kit/stand-in-node';
import type { InProcessNode } from '../kit/in-process-node';
import { forwardJson } from '../../peer-kit/forward-json';

/** An upload as the files module leaves it when its last byte is stored: ready, not sent, its chunks sealed. */
export async function readyUpload(
  node: InProcessNode,
  addressId: string,
  content: Buffer,
  name = 'report.pdf',
  contentType = 'application/pdf',
): Promise<{ id: string; keyHex: string; sha256: string }> {
  const account = await node.db.account.findUniqueOrThrow({ where: { addressId } });
  const key = newFileKey();
  const id = timeOrderedUuid();
  const sha256 = createHash('sha256').update(content).digest('hex');
  await node.db.attachment.create({
    data: {
      id,
      accountId: account.id,
      name,
      contentType,
      size: content.length,
      storedBytes: content.length,
      sha256,
      fileKey: node.app.get(NodeKeysService).sealSecret(key.toString('hex')),
      chunkSize: FILE_CHUNK_SIZE,
      state: 'ready',
    },
  });
  const n = chunkCount(content.length, FILE_CHUNK_SIZE);
  for (let i = 0; i < n; i++) {
    const plain = content.subarray(i * FILE_CHUNK_SIZE, (i + 1) * FILE_CHUNK_SIZE);
    await node.db.attachmentChunk.create({
      data: { attachmentId: id, index: i, data: new Uint8Array(sealChunk(key, i, i === n - 1, plain)) },
    });
  }
  return { id, keyHex: key.toString('hex'), sha256 };
}

/** A manifest entry as a sender's node makes one. */
export function manifestFile(overrides: Partial<ManifestFile> = {}): ManifestFile {
  return {
    id: 'file-1',
    name: 'holiday.jpg',
    type: 'image/jpeg',
    size: 2_483_114,
    sha256: 'c'.repeat(64),
    key: 'd'.repeat(64),
    chunkSize: 262_144,
    ...overrides,
  };
}

/**
 * A message-receive body with files (files.md §3) built from a v1.0 body the stand-in made (so its hash is in the
 * stand-in's outbox); `bend` makes it wrong in one way.
 */
export function withFiles(
  body: MessageReceiveRequestBody,
  secrets: Secrets,
  manifest: string,
  bend: { filesHash?: string; sameNonce?: boolean; key?: string } = {},
): MessageReceiveRequestBody {
  const messageNonce = fromBase64Url(body.message_package).subarray(0, 24);
  const key = bend.key ?? secrets.messageCryptKey;
  const filesPackage = bend.sameNonce
    ? sealMessage(manifest, key, messageNonce).messagePackage
    : sealFilesPackage(manifest, key, body.message_package);
  return {
    ...body,
    files_package: filesPackage,
    files_hash: bend.filesHash ?? filesHash(filesPackage, body.message_hash, secrets.authCode),
  };
}

export const oneFileManifest = (overrides: Partial<ManifestFile> = {}) => buildFilesManifest([manifestFile(overrides)]);

/** The text a stand-in received in a message-receive body. */
export function openedText(body: unknown, messageCryptKey: string): string {
  const opened = openMessage(String((body as { message_package: string }).message_package), messageCryptKey);
  if (!opened.ok) throw new Error(`a package did not open: ${opened.reason}`);
  return opened.text;
}

/**
 * In front of a node: passes every call on, but loses the node's answer to the `loseAnswerTo`-th message-receive
 * (the node did its work; the caller sees a 502, as when a connection drops after the request arrived).
 */
export class AnswerLosingProxy extends LoopbackServer {
  messageReceives = 0;
  loseAnswerTo = 0;
  readonly answers: unknown[] = [];

  constructor(private readonly target: string) {
    super();
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const isReceive = (request.url ?? '').startsWith('/openmsg/message-receive');
    const upstream = await forwardJson(this.target, request, body).catch(() => null);
    if (isReceive) {
      this.messageReceives++;
      this.answers.push(upstream ? JSON.parse(upstream.body.toString('utf8')) : null);
    }
    if (!upstream || (isReceive && this.messageReceives === this.loseAnswerTo)) {
      response.writeHead(502).end();
      return;
    }
    response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(upstream.body);
  }
}
