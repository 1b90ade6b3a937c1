import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { EventBus, type NodeEvent } from '../events/event-bus';
import { MetricsRepository } from './metrics.repository';

/**
 * The node's Prometheus registry and the counters of what happened, counted from the node's events.
 * The HTTP metrics (HttpMetrics) and the gauges of what the node holds now (NodeStateGauges) register here too.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  private readonly unsubscribe: () => void;

  private readonly received = new Counter({
    name: 'openmsg_messages_received_total',
    help: 'Messages received from other nodes and stored',
    registers: [this.registry],
  });
  private readonly delivered = new Counter({
    name: 'openmsg_messages_delivered_total',
    help: 'Messages confirmed delivered to the other node',
    registers: [this.registry],
  });
  private readonly failures = new Counter({
    name: 'openmsg_delivery_failures_total',
    help: 'Messages that failed for good, by code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  private readonly handshakes = new Counter({
    name: 'openmsg_handshakes_total',
    help: 'Handshakes by direction and outcome',
    labelNames: ['direction', 'outcome'],
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'openmsg_auth_refusals_total',
    help: 'Refused pass codes (handshakes in) and sign-ins',
    labelNames: ['kind', 'reason'],
    registers: [this.registry],
  });

  constructor(
    events: EventBus,
    private readonly repository: MetricsRepository,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'openmsg_process_' });
    // Each replica counts what happened in it: the sum over replicas counts everything once.
    this.unsubscribe = events.subscribe((event, origin) => {
      if (origin !== 'this-replica') return;
      this.count(event).catch((error: Error) => this.logger.warn({ msg: 'metric not counted', error: error.message }));
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  private async count(event: NodeEvent): Promise<void> {
    switch (event.type) {
      case 'message.created':
        return this.received.inc();
      case 'message.updated':
        if (event.state === 'delivered') return this.delivered.inc();
        if (event.state === 'failed')
          this.failures.inc({ code: (await this.repository.failureCodeOf(event.messageId)) ?? 'unknown' });
        return;
      case 'handshake':
        this.handshakes.inc({ direction: event.direction, outcome: event.outcome });
        if (event.direction === 'in' && event.outcome === 'refused')
          this.refusals.inc({ kind: 'passcode', reason: 'refused' });
        return;
      case 'login.refused':
        return this.refusals.inc({ kind: 'login', reason: event.reason });
      default:
        return;
    }
  }
}
