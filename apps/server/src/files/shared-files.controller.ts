import { Readable } from 'node:stream';
import { Controller, Logger, Req, Res } from '@nestjs/common';
import { apiRoutes, type SharedFileView } from '@openmsg/core';
import contentDisposition from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiRoute, RouteParams, type RouteParamsOf } from '../http/api-route';
import { FileLinksService } from './file-links.service';

/**
 * The public side of a download link (docs/extensions/files.md §6): what the inbox's page at /download/<token>
 * shows, and the file itself. No sign-in: the token is the key.
 */
@Controller()
export class SharedFilesController {
  private readonly logger = new Logger(SharedFilesController.name);

  constructor(private readonly links: FileLinksService) {}

  @ApiRoute(apiRoutes.sharedFile)
  async sharedFile(
    @RouteParams() { token }: RouteParamsOf<typeof apiRoutes.sharedFile>,
    @Req() request: FastifyRequest,
  ): Promise<SharedFileView> {
    return (await this.links.find(token, request.ip)).view;
  }

  /** Always a download, whatever the type claims (files.md §7): a file from a link never runs in this origin. */
  @ApiRoute(apiRoutes.sharedFileContent)
  async sharedFileContent(
    @RouteParams() { token }: RouteParamsOf<typeof apiRoutes.sharedFileContent>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.links.find(token, request.ip);
    const body = Readable.from(this.links.contentOf(file), { objectMode: false, highWaterMark: 1 });
    body.on('error', (error) => this.logger.error({ msg: 'shared file download cut short', error: error.message }));
    await reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', String(file.size))
      .header('content-disposition', downloadDisposition(file.name))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('referrer-policy', 'no-referrer')
      .send(body);
  }
}

/** RFC 6266: the name in UTF-8 (RFC 5987 `filename*`), and in ASCII for the few clients that read only `filename`. */
function downloadDisposition(name: string): string {
  return contentDisposition(name, { type: 'attachment', fallback: name.replace(/[^\x20-\x7e]/g, '_') });
}
