import { Controller, Res } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import contentDisposition from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { type AuthenticatedAccount, CurrentAccount } from '../http/api-auth.guard';
import { ApiRoute, RouteParams, type RouteParamsOf, RouteQuery, type RouteQueryOf } from '../http/api-route';
import { FileDownloadsService } from './file-downloads.service';

/**
 * A stored file never runs in the inbox's origin, whatever its declared type (docs/extensions/files.md §7): it is a
 * download, the browser may not sniff another type, and a sandboxing CSP holds even if it were shown.
 */
const SAFE_FILE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "sandbox; default-src 'none'",
  'cache-control': 'private, no-store',
};

@Controller()
export class FilesController {
  constructor(private readonly downloads: FileDownloadsService) {}

  /** Streamed with backpressure: the next chunks are read from the database only once the client took the last. */
  @ApiRoute(apiRoutes.attachmentContent)
  async content(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.attachmentContent>,
    @RouteQuery() query: RouteQueryOf<typeof apiRoutes.attachmentContent>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.downloads.content(account.id, id, query.disposition === 'inline');
    await reply
      .headers(SAFE_FILE_HEADERS)
      .header('content-type', file.inline ? file.contentType : 'application/octet-stream')
      .header('content-length', String(file.size))
      .header('content-disposition', dispositionOf(file.name, file.inline))
      .send(Readable.from(file.bytes, { objectMode: false, highWaterMark: 1 }));
  }

  @ApiRoute(apiRoutes.attachmentThumbnail)
  async thumbnail(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.attachmentThumbnail>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const preview = await this.downloads.thumbnail(account.id, id);
    await reply
      .headers(SAFE_FILE_HEADERS)
      .header('content-type', 'image/webp')
      .header('content-disposition', 'inline')
      .send(preview);
  }

  @ApiRoute(apiRoutes.storageUsage)
  usage(@CurrentAccount() account: AuthenticatedAccount) {
    return this.downloads.usage(account.id);
  }
}

/** RFC 6266 with the name in UTF-8 (RFC 5987 `filename*`) and an ASCII fallback: header values stay ASCII. */
function dispositionOf(name: string, inline: boolean): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return contentDisposition(name, { type: inline ? 'inline' : 'attachment', fallback: ascii });
}
