import { Inject, Injectable } from '@nestjs/common';
import type { AdminOverview, RegistrationInfo, SelfCheckReport } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConformanceService } from '../conformance/conformance.service';
import { AdminAccountsRepository } from './admin-accounts.repository';
import { AdminDeliveryService } from './admin-delivery.service';
import { type AdminActor, AuditLogService } from './audit-log.service';

/**
 * The node as a whole: the overview and its own check-self. The registration mode is read from the
 * environment at start, like every setting (several replicas share one database, and each must
 * agree on it), so the console shows it and says how to change it rather than changing it.
 */
@Injectable()
export class AdminNodeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AdminAccountsRepository,
    private readonly delivery: AdminDeliveryService,
    private readonly conformance: ConformanceService,
    private readonly audit: AuditLogService,
  ) {}

  async overview(): Promise<AdminOverview> {
    const [accounts, delivery] = await Promise.all([this.accounts.counts(), this.delivery.totals()]);
    return { domain: this.config.domain, registration: this.registration(), accounts, delivery };
  }

  registration(): RegistrationInfo {
    return {
      mode: this.config.accounts.registration,
      howToChange:
        'Set OPENMSG_REGISTRATION to open, invite or closed in the node\'s environment and restart it (every replica). With "invite", people sign up with an invitation made here or with the admin CLI\'s create-invite.',
    };
  }

  /** The CLI's check-self, from the node itself: its endpoints, certificate, DNS and clock as peers see them. */
  async checkSelf(actor: AdminActor, timeoutSeconds: number): Promise<SelfCheckReport> {
    const report = await this.conformance.checkSelf(timeoutSeconds);
    await this.audit.record(actor, 'node.check_self', this.config.domain, { summary: report.summary });
    return {
      target: report.target,
      startedAt: report.startedAt,
      durationMs: report.durationMs,
      checks: report.checks,
      summary: report.summary,
    };
  }
}
