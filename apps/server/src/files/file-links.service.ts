import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { formatAddress, type SharedFileView } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiException } from '../http/api-error';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { CappedAttemptsRepository } from '../rate-limits/capped-attempts.repository';
import { secondsBefore } from '../rate-limits/window-start';
import { AttachmentChunksRepository } from './attachment-chunks.repository';
import { chunkCount, openChunk } from './file-cipher';
import { FileKeys } from './file-keys';
import { FileLinksRepository } from './file-links.repository';

/** A file of a message as a link, with what its line says (fileLinkLines of @openmsg/core takes these). */
export interface FileLinkOfMessage {
  attachmentId: string;
  name: string;
  size: number;
  contentType: string;
  /** The inbox's download page on this node: `https://{domain}/download/{token}`. */
  url: string;
  expiresAt: Date;
}

/** A link's file, found by its token, for the page and the download. */
export interface SharedFile {
  attachmentId: string;
  name: string;
  contentType: string;
  size: number;
  chunkSize: number;
  /** As stored: sealed with the node key when one is configured. */
  fileKey: string;
  view: SharedFileView;
}

const TOKEN_BYTES = 32;
/**
 * Requests for shared files (the page and the download together) per source address and window. A token cannot be
 * guessed (256 bits); the cap keeps a link that went around from turning the node into a free file host.
 */
export const SHARED_FILE_REQUESTS_PER_WINDOW = 60;
export const SHARED_FILE_WINDOW_SECONDS = 600;

/**
 * Download links for the files of a message sent to a node without files-1 (docs/extensions/files.md §6). A token is
 * 32 random bytes; the database keeps its SHA-256 to find it by and the token itself sealed with the node key (every
 * attempt of the message must send the same text), never in clear when a node key is configured.
 */
@Injectable()
export class FileLinksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: FileLinksRepository,
    private readonly keys: NodeKeysService,
    private readonly attempts: CappedAttemptsRepository,
    private readonly chunks: AttachmentChunksRepository,
    private readonly fileKeys: FileKeys,
  ) {}

  /**
   * A link for every file of the message, in the message's order: made at the first call, the same ones at every
   * later call (concurrent calls too: one link per file is a unique key).
   */
  async linksFor(messageId: string, now = new Date()): Promise<FileLinkOfMessage[]> {
    let files = await this.links.filesOfMessage(messageId);
    const missing = files.filter((file) => file.token === null);
    if (missing.length > 0) {
      const expiresAt = new Date(now.getTime() + this.config.files.linkDays * 86_400_000);
      await this.links.insertMissing(
        missing.map((file) => {
          const token = randomBytes(TOKEN_BYTES).toString('base64url');
          return {
            tokenHash: tokenHash(token),
            token: this.keys.sealSecret(token),
            attachmentId: file.id,
            expiresAt,
            createdAt: now,
          };
        }),
      );
      files = await this.links.filesOfMessage(messageId);
    }
    return files.map((file) => {
      if (file.token === null || file.expiresAt === null)
        throw new Error(`file ${file.id} has no link after its insert`);
      return {
        attachmentId: file.id,
        name: file.name,
        size: file.size,
        contentType: file.contentType,
        url: `https://${this.config.domain}/download/${this.keys.openSecret(file.token)}`,
        expiresAt: file.expiresAt,
      };
    });
  }

  /**
   * The file behind a token, counted against the source's cap. An unknown token, an expired link and a file whose
   * message was deleted get the same answer (`not_found`): the answer tells nothing about tokens that once worked.
   */
  async find(token: string, source: string, now = new Date()): Promise<SharedFile> {
    const counted = await this.attempts.reserve(
      'shared-file',
      source,
      SHARED_FILE_REQUESTS_PER_WINDOW,
      SHARED_FILE_WINDOW_SECONDS,
      now,
    );
    if (!counted) throw new ApiException('too_many_requests');
    const row = await this.links.findShared(tokenHash(token));
    if (!row || row.expiresAt.getTime() <= now.getTime() || row.storedBytes !== row.size) {
      throw new ApiException('not_found');
    }
    return {
      attachmentId: row.attachmentId,
      name: row.name,
      contentType: row.contentType,
      size: row.size,
      chunkSize: row.chunkSize,
      fileKey: row.fileKey,
      view: {
        name: row.name,
        contentType: row.contentType,
        size: row.size,
        from: formatAddress({ id: row.addressId, domain: this.config.domain }),
        fromName: row.displayName,
        expiresAt: row.expiresAt.toISOString(),
      },
    };
  }

  /**
   * The file's plaintext, chunk by chunk, read from the database a few chunks at a time as the consumer takes them.
   * A chunk that does not open, or one missing, ends the stream with an error: the download stops short of its
   * Content-Length, so the browser reports it failed instead of keeping wrong bytes.
   */
  async *contentOf(file: SharedFile): AsyncGenerator<Buffer> {
    const key = this.fileKeys.open(file.fileKey);
    const last = chunkCount(file.size, file.chunkSize) - 1;
    let expected = 0;
    for await (const chunk of this.chunks.readChunks(file.attachmentId)) {
      const plain = chunk.index === expected ? openChunk(key, chunk.index, chunk.index === last, chunk.data) : null;
      if (!plain) throw new Error(`chunk ${chunk.index} of shared file ${file.attachmentId} does not open`);
      expected++;
      if (plain.length > 0) yield plain;
    }
    if (expected !== last + 1)
      throw new Error(`shared file ${file.attachmentId} has ${expected} of ${last + 1} chunks`);
  }

  /** Forgets the requests counted before the window (maintenance). */
  purgeCounted(now = new Date()): Promise<number> {
    return this.attempts.purgeOlderThan('shared-file', secondsBefore(now, SHARED_FILE_WINDOW_SECONDS));
  }

  /**
   * Deletes links that stopped working, once no retry of their message can still be sent: a retry must carry the
   * same link (a new token would be another text under the part's nonce).
   */
  purgeExpired(now = new Date()): Promise<number> {
    return this.links.purgeExpiredBefore(secondsBefore(now, this.config.delivery.maxAgeSeconds + 86_400));
  }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
