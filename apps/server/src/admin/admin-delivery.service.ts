import { Inject, Injectable } from '@nestjs/common';
import { type DomainQueue, type FailingPeer, normalizeDomain, type RetryDomainResult } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeliveryQueueRepository } from '../delivery/delivery-queue.repository';
import { DeliveryWorker } from '../delivery/delivery-worker.service';
import { ApiException } from '../http/api-error';
import { AdminDeliveryRepository, type DomainQueueRow } from './admin-delivery.repository';
import { type AdminActor, AuditLogService } from './audit-log.service';
import { escapeLike } from './like-pattern';

const FAILING_PEERS_SHOWN = 100;

/** The delivery queue per peer domain, "retry all" for a domain, and the peers whose deliveries fail. */
@Injectable()
export class AdminDeliveryService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: AdminDeliveryRepository,
    private readonly queue: DeliveryQueueRepository,
    private readonly worker: DeliveryWorker,
    private readonly audit: AuditLogService,
  ) {}

  async queueByDomain(): Promise<DomainQueue[]> {
    return (await this.repository.queueByDomain()).map(domainQueueView);
  }

  /**
   * Retries as a user's own retry does (a new deadline, attempts from zero), for every failed
   * message to the domain, and makes its waiting ones due now; the worker takes them at once where
   * it has room. Each row changes for one call only, so concurrent calls add up to the messages there were.
   */
  async retryDomain(actor: AdminActor, rawDomain: string): Promise<RetryDomainResult> {
    const domain = normalizeDomain(rawDomain);
    if (!domain) throw new ApiException('validation_failed', 'domain: not a host name', { fields: ['domain'] });
    const now = new Date();
    const deliverBy = new Date(now.getTime() + this.config.delivery.maxAgeSeconds * 1000);
    const { requeued, dueNow } = await this.queue.requeueAllTo(`%*${escapeLike(domain)}`, now, deliverBy);
    for (const id of [...requeued, ...dueNow]) this.worker.kick(id);
    const result = { domain, requeued: requeued.length, dueNow: dueNow.length };
    await this.audit.record(actor, 'delivery.retry_domain', domain, {
      requeued: result.requeued,
      dueNow: result.dueNow,
    });
    return result;
  }

  async failingPeers(): Promise<FailingPeer[]> {
    const [failures, queues] = await Promise.all([
      this.repository.recentFailures(FAILING_PEERS_SHOWN),
      this.repository.queueByDomain(),
    ]);
    const byDomain = new Map(queues.map((row) => [row.domain, row]));
    return failures.map((failure) => ({
      domain: failure.domain,
      failureCode: failure.failureCode,
      failureReason: failure.failureReason,
      failedAt: failure.failedAt.toISOString(),
      waiting: byDomain.get(failure.domain)?.waiting ?? 0,
      failed: byDomain.get(failure.domain)?.failed ?? 0,
    }));
  }

  async totals(): Promise<{ waiting: number; failed: number }> {
    const rows = await this.repository.queueByDomain();
    return {
      waiting: rows.reduce((sum, row) => sum + row.waiting, 0),
      failed: rows.reduce((sum, row) => sum + row.failed, 0),
    };
  }
}

function domainQueueView(row: DomainQueueRow): DomainQueue {
  return {
    domain: row.domain,
    waiting: row.waiting,
    failed: row.failed,
    oldestWaitingAt: row.oldestWaitingAt?.toISOString() ?? null,
  };
}
