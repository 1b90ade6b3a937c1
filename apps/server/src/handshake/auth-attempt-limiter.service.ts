import { Injectable } from '@nestjs/common';
import { AUTH_LIMITS } from './auth-attempt-limits';
import { AuthFailuresRepository } from '../passcodes/auth-failures.repository';
import { secondsBefore } from '../rate-limits/window-start';

const FAILURE_RETENTION_SECONDS = 7 * 24 * 3600;

/** One /openmsg/auth attempt, counted against the caps while its code is looked up. */
export interface AuthAttemptReservation {
  /** The attempt failed (wrong/expired code, unknown user): it stays counted, with its reason shown to the user. */
  failed(reason: string): Promise<void>;
  /** The code was right: the attempt no longer counts against the caps. */
  succeeded(): Promise<void>;
}

@Injectable()
export class AuthAttemptLimiter {
  private readonly limits = AUTH_LIMITS;

  constructor(private readonly failures: AuthFailuresRepository) {}

  /**
   * Counts this attempt against the caps before the code is looked up; null when a cap is reached
   * (do not evaluate). Counting and deciding are one atomic step, so a burst of concurrent guesses
   * gets no more evaluations than the caps allow.
   */
  async reserve(targetAddressId: string, source: string, now = new Date()): Promise<AuthAttemptReservation | null> {
    const id = await this.failures.reserve(targetAddressId, source, this.limits, now);
    if (!id) return null;
    return {
      failed: async (reason) => {
        await this.failures.markFailed(id, reason);
      },
      succeeded: async () => {
        await this.failures.forget(id);
      },
    };
  }

  /** Failures are kept for a week: users see how many there were against them. */
  purge(now = new Date()): Promise<number> {
    return this.failures.purgeOlderThan(secondsBefore(now, FAILURE_RETENTION_SECONDS));
  }
}
