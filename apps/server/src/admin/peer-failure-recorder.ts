import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { parseAddress } from '@openmsg/core';
import { EventBus, type EventOrigin, type NodeEvent } from '../events/event-bus';
import { AdminDeliveryRepository } from './admin-delivery.repository';

/**
 * Keeps the last delivery failure per peer domain (PeerFailure) for the console's failing peers:
 * it listens to the delivery worker's `delivery.attempt-failed` (a process event, on the replica where
 * the attempt ran) and reads the code and reason the attempt stored on the message. Only failed
 * attempts cost a read.
 */
@Injectable()
export class PeerFailureRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PeerFailureRecorder.name);
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly events: EventBus,
    private readonly repository: AdminDeliveryRepository,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.subscribe((event, origin) => this.heard(event, origin));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private heard(event: NodeEvent, origin: EventOrigin): void {
    // Only failed attempts: a message's other updates (written, sending, delivered) cost nothing here.
    if (origin !== 'this-replica' || event.type !== 'delivery.attempt-failed') return;
    const failedAt = new Date();
    void this.record(event.messageId, failedAt).catch((error: Error) =>
      this.logger.warn({ msg: 'could not record a peer failure', error: error.message }),
    );
  }

  private async record(messageId: string, failedAt: Date): Promise<void> {
    const message = await this.repository.failureOf(messageId);
    // A message queued for its first attempt, or put back by a retry, carries no failure.
    if (!message || message.direction !== 'out' || !message.failureCode) return;
    const domain = parseAddress(message.otherAddress)?.domain;
    if (!domain) return;
    await this.repository.recordFailure({
      domain,
      failureCode: message.failureCode,
      failureReason: message.failureReason,
      failedAt,
    });
  }
}
