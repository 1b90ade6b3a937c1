import { Injectable } from '@nestjs/common';
import { secondsBefore } from '../rate-limits/window-start';
import { LoginFailuresRepository } from './login-failures.repository';

/**
 * Caps on failed sign-ins: 10 per account per 15 minutes (a password guesser gets 40 tries an hour)
 * and 50 per source address per hour (one host trying many accounts). A success clears the
 * account's count. Over a cap the password is not even checked.
 */
export const LOGIN_LIMITS = {
  perAccount: { maxFailures: 10, windowSeconds: 15 * 60 },
  perSource: { maxFailures: 50, windowSeconds: 60 * 60 },
} as const;

/** One sign-in attempt, counted as a failure from before its password is checked. */
export interface LoginAttempt {
  /** The password was right: the account's failures, this attempt's included, are cleared. */
  succeeded(): Promise<void>;
  /** The password could not be checked (the node was busy): the attempt does not count. */
  release(): Promise<void>;
}

@Injectable()
export class LoginLimiter {
  constructor(private readonly failures: LoginFailuresRepository) {}

  /**
   * Counts this attempt against the caps before its password is checked (count and decision in one
   * atomic step, so a burst of concurrent sign-ins gets no more checks than the caps allow); null
   * when a cap is reached. A wrong password needs nothing more: the attempt stays counted.
   */
  async reserve(addressId: string, source: string, now = new Date()): Promise<LoginAttempt | null> {
    const id = await this.failures.reserve(addressId, source, LOGIN_LIMITS, now);
    if (!id) return null;
    return {
      succeeded: async () => {
        await this.failures.clearForAddress(addressId);
      },
      release: async () => {
        await this.failures.forget(id);
      },
    };
  }

  purge(now = new Date()): Promise<number> {
    return this.failures.purgeOlderThan(
      secondsBefore(now, Math.max(LOGIN_LIMITS.perAccount.windowSeconds, LOGIN_LIMITS.perSource.windowSeconds)),
    );
  }
}
