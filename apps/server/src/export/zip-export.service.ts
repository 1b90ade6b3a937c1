import { Injectable, Logger } from '@nestjs/common';
import type { ExportedFile } from '@openmsg/core';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { AttachmentChunksRepository } from '../files/attachment-chunks.repository';
import { chunkCount, openChunk } from '../files/file-cipher';
import { FileKeys } from '../files/file-keys';
import type { AuthenticatedAccount } from '../http/api-auth.guard';
import { DataExportService } from './data-export.service';
import { type ExportFilePosition, type ExportableFile, ExportRepository } from './export.repository';
import { ZipPaths } from './zip-paths';

/** Files listed per database read. */
const FILES_PAGE = 100;
/** Files added to the zip ahead of the one being written: the zip writer holds only these, whatever the account's size. */
const FILES_AHEAD = 32;

/**
 * The export as a zip (GET /api/v1/me/export.zip): first the JSON of GET /api/v1/me/export with a `files` list, then
 * every file the account holds whole, opened, at `files/<message id>/<safe name>`. Streamed: the JSON a page at a
 * time, each file a few chunks at a time, and files are added to the zip only as it reaches them, so the memory held
 * stays flat for any account. Files are stored, not compressed: most are compressed already, and CPU is scarce.
 */
@Injectable()
export class ZipExportService {
  private readonly logger = new Logger(ZipExportService.name);

  constructor(
    private readonly exports: DataExportService,
    private readonly rows: ExportRepository,
    private readonly chunks: AttachmentChunksRepository,
    private readonly fileKeys: FileKeys,
  ) {}

  fileName(now = new Date()): string {
    return `openmsg-export-${now.toISOString().slice(0, 10)}.zip`;
  }

  stream(account: AuthenticatedAccount, now = new Date()): Readable {
    const zip = new ZipFile();
    const output = zip.outputStream as Readable;
    let started = 0;
    let wake: (() => void) | null = null;
    const progressed = () => {
      started++;
      wake?.();
    };
    let closed = false;
    output.once('close', () => {
      closed = true;
      wake?.();
    });

    zip.addReadStreamLazy(this.exports.fileName(now), { compress: true, mtime: now }, (done) => {
      progressed();
      done(null, Readable.from(this.exports.pieces(account, now, this.listing(account.id)), { highWaterMark: 1 }));
    });
    const feed = async () => {
      let added = 1;
      for await (const { file, path } of this.files(account.id)) {
        while (!closed && added - started >= FILES_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
        if (closed) return;
        zip.addReadStreamLazy(path, { compress: false, size: file.size, mtime: now }, (done) => {
          progressed();
          done(null, Readable.from(this.plaintext(file), { objectMode: false, highWaterMark: 1 }));
        });
        added++;
      }
      zip.end();
    };
    feed().catch((error: unknown) => {
      this.logger.error(
        `export zip of account ${account.id} failed: ${error instanceof Error ? error.message : error}`,
      );
      output.destroy(error instanceof Error ? error : new Error('export failed'));
    });
    return output;
  }

  /** The `files` list of the zip's JSON: the same walk as the zip's entries, so the paths agree. */
  private async *listing(accountId: string): AsyncGenerator<ExportedFile> {
    for await (const { file, path } of this.files(accountId))
      yield {
        messageId: file.messageId,
        attachmentId: file.id,
        name: file.name,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        path,
      };
  }

  private async *files(accountId: string): AsyncGenerator<{ file: ExportableFile; path: string }> {
    const paths = new ZipPaths();
    let after: ExportFilePosition | undefined;
    for (;;) {
      const page = await this.rows.filesAfter(accountId, FILES_PAGE, after);
      for (const file of page) yield { file, path: paths.pathOf(file.messageId, file.name) };
      if (page.length < FILES_PAGE) return;
      after = page[page.length - 1];
    }
  }

  /** A file's plaintext, chunk by chunk: a chunk that does not open, or one missing, ends the zip with an error. */
  private async *plaintext(file: ExportableFile): AsyncGenerator<Buffer> {
    const key = this.fileKeys.open(file.fileKey);
    const count = chunkCount(file.size, file.chunkSize);
    let next = 0;
    for await (const chunk of this.chunks.readChunks(file.id)) {
      const plain = chunk.index === next ? openChunk(key, next, next === count - 1, chunk.data) : null;
      if (!plain) throw new Error(`chunk ${chunk.index} of file ${file.id} does not open`);
      next++;
      yield plain;
    }
    if (next !== count) throw new Error(`file ${file.id} holds ${next} of its ${count} chunks`);
  }
}
