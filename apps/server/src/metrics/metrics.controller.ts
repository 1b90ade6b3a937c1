import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { constantTimeEqual } from '@openmsg/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from './metrics.service';
import { ApiException } from '../http/api-error';

@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** Prometheus text format. With OPENMSG_METRICS_TOKEN set, scrapers must send it as a bearer token. */
  @Get()
  async scrape(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected) {
      const sent = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!constantTimeEqual(sent, expected))
        throw new ApiException('unauthenticated', 'metrics need the bearer token');
    }
    reply.header('content-type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
