import { Injectable } from '@nestjs/common';
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

@Injectable()
export class LoginLimiter {
  constructor(private readonly failures: LoginFailuresRepository) {}

  async isOverCap(addressId: string, source: string, now = new Date()): Promise<boolean> {
    const { perAccount, perSource } = LOGIN_LIMITS;
    const [forAccount, forSource] = await Promise.all([
      this.failures.countForAddress(addressId, secondsBefore(now, perAccount.windowSeconds)),
      this.failures.countForSource(source, secondsBefore(now, perSource.windowSeconds)),
    ]);
    return forAccount >= perAccount.maxFailures || forSource >= perSource.maxFailures;
  }

  async recordFailure(addressId: string, source: string, now = new Date()): Promise<void> {
    await this.failures.record(addressId, source, now);
  }

  async recordSuccess(addressId: string): Promise<void> {
    await this.failures.clearForAddress(addressId);
  }

  purge(now = new Date()): Promise<number> {
    return this.failures.purgeOlderThan(secondsBefore(now, Math.max(LOGIN_LIMITS.perAccount.windowSeconds, LOGIN_LIMITS.perSource.windowSeconds)));
  }
}

function secondsBefore(now: Date, seconds: number): Date {
  return new Date(now.getTime() - seconds * 1000);
}
