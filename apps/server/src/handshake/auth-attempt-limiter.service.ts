import { Injectable } from '@nestjs/common';
import { AUTH_LIMITS } from './auth-attempt-limits';
import { AuthFailuresRepository } from '../passcodes/auth-failures.repository';

const FAILURE_RETENTION_SECONDS = 7 * 24 * 3600;

@Injectable()
export class AuthAttemptLimiter {
  private readonly limits = AUTH_LIMITS;

  constructor(private readonly failures: AuthFailuresRepository) {}

  async isOverCap(targetAddressId: string, source: string, now = new Date()): Promise<boolean> {
    const { perTarget, perSource } = this.limits;
    const [forTarget, forSource] = await Promise.all([
      this.failures.countForTarget(targetAddressId, secondsBefore(now, perTarget.windowSeconds)),
      this.failures.countForSource(source, secondsBefore(now, perSource.windowSeconds)),
    ]);
    return forTarget >= perTarget.maxFailures || forSource >= perSource.maxFailures;
  }

  async recordFailure(targetAddressId: string, source: string, reason: string, now = new Date()): Promise<void> {
    await this.failures.record(targetAddressId, source, reason, now);
  }

  /** Failures are kept for a week: users see how many there were against them. */
  purge(now = new Date()): Promise<number> {
    return this.failures.purgeOlderThan(secondsBefore(now, FAILURE_RETENTION_SECONDS));
  }
}

function secondsBefore(now: Date, seconds: number): Date {
  return new Date(now.getTime() - seconds * 1000);
}
