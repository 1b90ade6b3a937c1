import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { EventStreamsService } from './event-streams.service';

/** `openmsg_event_streams_open`, read at each scrape from the streams this replica holds. */
@Injectable()
export class EventStreamsGauge {
  constructor(metrics: MetricsService, streams: EventStreamsService) {
    new Gauge({
      name: 'openmsg_event_streams_open',
      help: 'Open Server-Sent Events streams (signed-in browser tabs and clients) on this replica',
      registers: [metrics.registry],
      collect() {
        this.set(streams.openCount());
      },
    });
  }
}
