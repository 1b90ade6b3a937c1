import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  DEFAULT_FUTURE_SKEW_SECONDS,
  MESSAGE_FRESHNESS_SECONDS,
  PENDING_HANDSHAKE_LIFETIME_SECONDS,
} from '@openmsg/core';
import { InvitationsService } from '../auth/invitations.service';
import { LoginLimiter } from '../auth/login-limiter.service';
import { RegistrationLimiter } from '../auth/registration-limiter.service';
import { SessionsService } from '../auth/sessions.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { OutboxRepository } from '../delivery/outbox.repository';
import { AttachmentsRepository } from '../files/attachments.repository';
import { FileLinksService } from '../files/file-links.service';
import { AuthAttemptLimiter } from '../handshake/auth-attempt-limiter.service';
import { OutgoingHandshakeLimiter } from '../handshake/outgoing-handshake-limiter.service';
import { PendingHandshakesRepository } from '../handshake/pending-handshakes.repository';
import { MessagesRepository } from '../messages/messages.repository';
import { QueryPlannerRepository } from './query-planner.repository';
import { PassCodesService } from '../passcodes/passcodes.service';

const PURGE_INTERVAL_MS = 60_000;
const PLANNER_INTERVAL_MS = 3_600_000;
/** A nonce must outlive every timestamp that could still pass the freshness check, with margin. */
const REPLAY_WINDOW_SECONDS = 4 * (MESSAGE_FRESHNESS_SECONDS + DEFAULT_FUTURE_SKEW_SECONDS);
/** The default delivery maximum age: peers of ours retry a message (with its one nonce) that long. */
const PEER_RETRY_SECONDS = 3 * 24 * 3600;
/** An upload not sent within this long (finished or not) is dropped and its quota freed. */
const ABANDONED_UPLOAD_SECONDS = 7 * 24 * 3600;

export interface PurgeCounts {
  passCodes: number;
  pendingHandshakes: number;
  usedNonces: number;
  authFailures: number;
  outboxEntries: number;
  sessions: number;
  invitations: number;
  loginFailures: number;
  registrationAttempts: number;
  outgoingHandshakeAttempts: number;
  abandonedUploads: number;
  sharedFileRequests: number;
  fileLinks: number;
}

/**
 * Removes what has expired: pass codes, pending handshakes, spent nonces, old attempt records, outbox rows, sessions,
 * invitations, abandoned uploads and expired file links.
 */
@Injectable()
export class MaintenanceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceService.name);
  private timer: NodeJS.Timeout | null = null;
  private plannerTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passCodes: PassCodesService,
    private readonly pendingHandshakes: PendingHandshakesRepository,
    private readonly messages: MessagesRepository,
    private readonly limiter: AuthAttemptLimiter,
    private readonly outbox: OutboxRepository,
    private readonly sessions: SessionsService,
    private readonly invitations: InvitationsService,
    private readonly loginLimiter: LoginLimiter,
    private readonly registrationLimiter: RegistrationLimiter,
    private readonly outgoingHandshakeLimiter: OutgoingHandshakeLimiter,
    private readonly planner: QueryPlannerRepository,
    private readonly attachments: AttachmentsRepository,
    private readonly fileLinks: FileLinksService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.backgroundWork) return;
    this.timer = setInterval(() => {
      this.purgeExpired().catch((error: Error) => this.logger.error({ msg: 'purge failed', error: error.message }));
    }, PURGE_INTERVAL_MS);
    this.timer.unref();
    this.plannerTimer = setInterval(() => {
      this.planner
        .refreshStatistics()
        .catch((error: Error) => this.logger.error({ msg: 'planner statistics not refreshed', error: error.message }));
    }, PLANNER_INTERVAL_MS);
    this.plannerTimer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.plannerTimer) clearInterval(this.plannerTimer);
  }

  async purgeExpired(now = new Date()): Promise<PurgeCounts> {
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    const counts: PurgeCounts = {
      passCodes: await this.passCodes.purgeExpired(now),
      pendingHandshakes: await this.pendingHandshakes.purgeOlderThan(ago(PENDING_HANDSHAKE_LIFETIME_SECONDS)),
      // A sender of ours retries a message with the same nonce until it gives up; the spent nonce
      // must outlive that, or a retry of a message stored here would be stored twice.
      usedNonces: await this.messages.purgeUsedNoncesBefore(
        ago(Math.max(REPLAY_WINDOW_SECONDS, PEER_RETRY_SECONDS, this.config.delivery.maxAgeSeconds) + 3600),
      ),
      authFailures: await this.limiter.purge(now),
      // Outbox rows of messages still being retried are kept until the message can no longer be sent.
      outboxEntries: await this.outbox.purgeOlderThan(ago(this.config.delivery.maxAgeSeconds + 3600)),
      sessions: await this.sessions.purgeExpired(now),
      invitations: await this.invitations.purgeExpired(now),
      loginFailures: await this.loginLimiter.purge(now),
      registrationAttempts: await this.registrationLimiter.purge(now),
      outgoingHandshakeAttempts: await this.outgoingHandshakeLimiter.purge(now),
      abandonedUploads: await this.attachments.purgeAbandonedUploads(ago(ABANDONED_UPLOAD_SECONDS)),
      sharedFileRequests: await this.fileLinks.purgeCounted(now),
      fileLinks: await this.fileLinks.purgeExpired(now),
    };
    return counts;
  }
}
