import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import { ROUTE_GROUPS, routeGroupOf, statusClassOf } from './http-route-group';
import { MetricsService } from './metrics.service';

/** Every answered HTTP request, by route group and status class, and how long the answers took. */
@Injectable()
export class HttpMetrics implements OnModuleInit {
  private readonly requests: Counter<'group' | 'status'>;
  private readonly duration: Histogram<'group'>;

  constructor(
    metrics: MetricsService,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.requests = new Counter({
      name: 'openmsg_http_requests_total',
      help: 'HTTP requests answered, by route group and status class (2xx, 4xx, 5xx...); open event streams are in openmsg_event_streams_open',
      labelNames: ['group', 'status'],
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: 'openmsg_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route group (event streams, which stay open, are not timed)',
      labelNames: ['group'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
    // Exported at 0 from the start, so that rate() sees the first server errors (the 5xx alert).
    for (const group of ROUTE_GROUPS) this.requests.inc({ group, status: '5xx' }, 0);
  }

  /** Fastify hooks apply to every route when the server starts, so one added now sees all requests. */
  onModuleInit(): void {
    // An application context without an HTTP server has no requests to count.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('onResponse', (request, reply, done) => {
      const group = routeGroupOf(request.is404 ? undefined : request.routeOptions.url);
      this.requests.inc({ group, status: statusClassOf(reply.statusCode) });
      if (group !== 'event_stream') this.duration.observe({ group }, reply.elapsedTime / 1000);
      done();
    });
  }
}
