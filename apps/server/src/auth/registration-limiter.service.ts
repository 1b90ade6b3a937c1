import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { secondsBefore } from '../rate-limits/window-start';
import { CappedAttemptsRepository } from '../rate-limits/capped-attempts.repository';

const WINDOW_SECONDS = 3600;

/** One sign-up counted against its source's cap. */
export interface RegistrationAttempt {
  /** The sign-up did not happen through no fault of the source (node busy, number taken meanwhile): it no longer counts. */
  release(): Promise<void>;
}

/**
 * The cap on sign-ups per source address: OPENMSG_REGISTRATIONS_PER_HOUR (default 10) per hour.
 * Each sign-up costs a password hash (about 128 MiB and a third of a second of a core), and an
 * account is what a spammer needs to send pass-code handshakes from this node.
 */
@Injectable()
export class RegistrationLimiter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attempts: CappedAttemptsRepository,
  ) {}

  /** Counts a sign-up against its source's cap (atomically: a concurrent burst gets no more); null when the cap is reached. */
  async reserve(source: string, now = new Date()): Promise<RegistrationAttempt | null> {
    const id = await this.attempts.reserve(
      'registration',
      source,
      this.config.accounts.registrationsPerHour,
      WINDOW_SECONDS,
      now,
    );
    if (!id) return null;
    return {
      release: async () => {
        await this.attempts.forget(id);
      },
    };
  }

  purge(now = new Date()): Promise<number> {
    return this.attempts.purgeOlderThan('registration', secondsBefore(now, WINDOW_SECONDS));
  }
}
