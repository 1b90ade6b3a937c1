import { Controller, Res } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { type AuthenticatedAccount, CurrentAccount } from '../http/api-auth.guard';
import { ApiRoute } from '../http/api-route';
import { DataExportService } from './data-export.service';
import { ZipExportService } from './zip-export.service';

@Controller()
export class ExportController {
  constructor(
    private readonly exports: DataExportService,
    private readonly zips: ZipExportService,
  ) {}

  /** A stream with backpressure: the next page is read from the database only once the client took the last one. */
  @ApiRoute(apiRoutes.exportMyData)
  async export(@CurrentAccount() account: AuthenticatedAccount, @Res() reply: FastifyReply): Promise<void> {
    await reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${this.exports.fileName()}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(this.exports.pieces(account), { objectMode: false, highWaterMark: 1 }));
  }

  /** The same JSON and every file of the account, as a zip streamed from the database. */
  @ApiRoute(apiRoutes.exportMyDataZip)
  async exportZip(@CurrentAccount() account: AuthenticatedAccount, @Res() reply: FastifyReply): Promise<void> {
    await reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${this.zips.fileName()}"`)
      .header('cache-control', 'no-store')
      .send(this.zips.stream(account));
  }
}
