import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { StreamEvent } from '@openmsg/core';
import type { ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NodeEvents } from '../events/node-events';
import { StreamEventMapper } from './stream-event-mapper';

/** The open Server-Sent Events streams: one per signed-in browser tab, each fed its account's events in order. */
@Injectable()
export class EventStreamsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventStreamsService.name);
  private readonly open = new Set<ServerResponse>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: NodeEvents,
    private readonly mapper: StreamEventMapper,
  ) {}

  get openCount(): number {
    return this.open.size;
  }

  attach(accountId: string, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // nginx: do not buffer the stream
    });
    response.write('retry: 3000\n: connected\n\n');
    this.open.add(response);

    // Events are mapped one after the other so the stream keeps their order.
    let chain = Promise.resolve();
    const unsubscribe = this.events.subscribe((event) => {
      if (!('accountId' in event) || event.accountId !== accountId) return;
      chain = chain
        .then(() => this.mapper.map(event))
        .then((mapped) => {
          if (mapped) write(response, mapped);
        })
        .catch((error: Error) => this.logger.warn({ msg: 'stream event dropped', type: event.type, error: error.message }));
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), this.config.sseHeartbeatMs);
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(response);
    });
  }

  /** Streams never end by themselves: close them so the server can stop. */
  beforeApplicationShutdown(): void {
    for (const response of this.open) response.end();
  }
}

function write(response: ServerResponse, event: StreamEvent): void {
  response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}
