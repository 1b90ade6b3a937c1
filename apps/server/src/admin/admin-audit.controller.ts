import { Controller, Res } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { ApiRoute, RouteQuery, type RouteQueryOf } from '../http/api-route';
import { AuditLogService } from './audit-log.service';

@Controller()
export class AdminAuditController {
  constructor(private readonly audit: AuditLogService) {}

  @ApiRoute(apiRoutes.adminAudit)
  page(@RouteQuery() query: RouteQueryOf<typeof apiRoutes.adminAudit>) {
    return this.audit.page(query.limit, query.cursor);
  }

  /** Streamed with backpressure: the next page is read only once the client took the last. */
  @ApiRoute(apiRoutes.adminAuditExport)
  async export(
    @RouteQuery() query: RouteQueryOf<typeof apiRoutes.adminAuditExport>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const day = new Date().toISOString().slice(0, 10);
    await reply
      .header('content-type', query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="openmsg-audit-${day}.${query.format}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(this.audit.export(query.format), { objectMode: false, highWaterMark: 1 }));
  }
}
