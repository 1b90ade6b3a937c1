import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { StreamEvent } from '@openmsg/core';
import type { ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { type AccountEvent, EventBus, isAccountEvent } from '../events/event-bus';
import { StreamEventMapper } from './stream-event-mapper';

interface AccountStreams {
  responses: Set<ServerResponse>;
  /** Events are mapped one after the other so every stream keeps their order. */
  chain: Promise<void>;
}

/**
 * The open Server-Sent Events streams, one per signed-in browser tab. Each event of an account is
 * turned into its stream form once (that reads the database) and written to all of its tabs.
 */
@Injectable()
export class EventStreamsService implements BeforeApplicationShutdown, OnModuleDestroy {
  private readonly logger = new Logger(EventStreamsService.name);
  private readonly byAccount = new Map<string, AccountStreams>();
  private readonly unsubscribe: () => void;
  /** The node is stopping: streams end, and none opens here any more (the browsers reconnect to another replica). */
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    events: EventBus,
    private readonly mapper: StreamEventMapper,
  ) {
    this.unsubscribe = events.subscribe((event) => {
      if (isAccountEvent(event)) this.publish(event);
      else if (event.type === 'streams.resync') this.endAll();
    });
  }

  attach(accountId: string, response: ServerResponse): void {
    if (this.closing) {
      // A stream opened here now would hold the stop until its connection times out, and miss what follows.
      response.writeHead(503, { 'retry-after': '1', connection: 'close', 'content-type': 'text/plain' });
      response.end('stopping');
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // nginx: do not buffer the stream
    });
    response.write('retry: 3000\n: connected\n\n');
    const streams = this.byAccount.get(accountId) ?? { responses: new Set<ServerResponse>(), chain: Promise.resolve() };
    streams.responses.add(response);
    this.byAccount.set(accountId, streams);

    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), this.config.sseHeartbeatMs);
    response.on('close', () => {
      clearInterval(heartbeat);
      streams.responses.delete(response);
      if (streams.responses.size === 0 && this.byAccount.get(accountId) === streams) this.byAccount.delete(accountId);
    });
  }

  /** Streams open now on this replica (for the metrics). */
  openCount(): number {
    let count = 0;
    for (const streams of this.byAccount.values()) count += streams.responses.size;
    return count;
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /** Streams never end by themselves: close them, and their connections, so the server can stop at once. */
  beforeApplicationShutdown(): void {
    this.closing = true;
    this.endAll((response) => response.socket?.destroy());
  }

  /**
   * Events may have been missed: ending the streams makes each browser reconnect, and the inbox
   * reloads what it shows when its stream comes back after a gap (apps/web/lib/use-event-stream.ts).
   */
  private endAll(afterEnd?: (response: ServerResponse) => void): void {
    for (const streams of this.byAccount.values())
      for (const response of streams.responses) response.end(() => afterEnd?.(response));
  }

  private publish(event: AccountEvent): void {
    const streams = this.byAccount.get(event.accountId);
    if (!streams) return;
    streams.chain = streams.chain
      .then(() => this.mapper.map(event))
      .then((mapped) => {
        if (mapped) for (const response of streams.responses) write(response, mapped);
      })
      .catch((error: Error) =>
        this.logger.warn({ msg: 'stream event dropped', type: event.type, error: error.message }),
      );
  }
}

function write(response: ServerResponse, event: StreamEvent): void {
  response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}
