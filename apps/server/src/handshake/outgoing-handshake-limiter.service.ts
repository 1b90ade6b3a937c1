import { Injectable } from '@nestjs/common';
import { secondsBefore } from '../rate-limits/window-start';
import { CappedAttemptsRepository } from '../rate-limits/capped-attempts.repository';

/**
 * Refused connects per user: 10 per hour. A receiving node caps failed /auth calls per source
 * (ours allows 20 an hour), and for it every user of this node is one source: without this cap,
 * one user trying wrong codes would spend that budget for everyone here.
 */
export const OUTGOING_HANDSHAKE_LIMITS = { maxRefused: 10, windowSeconds: 3600 } as const;

/** One connect, counted against its user's cap from its start; one whose code was refused stays counted. */
export interface OutgoingHandshakeAttempt {
  /** Connected, or failed for a reason that spent no one's budget (unreachable, their callback): it no longer counts. */
  release(): Promise<void>;
}

@Injectable()
export class OutgoingHandshakeLimiter {
  constructor(private readonly attempts: CappedAttemptsRepository) {}

  /** Counts a connect before it starts (atomically: a burst of connects gets no more); null when the cap is reached. */
  async reserve(accountId: string, now = new Date()): Promise<OutgoingHandshakeAttempt | null> {
    const { maxRefused, windowSeconds } = OUTGOING_HANDSHAKE_LIMITS;
    const id = await this.attempts.reserve('outgoing-handshake', accountId, maxRefused, windowSeconds, now);
    if (!id) return null;
    return {
      release: async () => {
        await this.attempts.forget(id);
      },
    };
  }

  purge(now = new Date()): Promise<number> {
    return this.attempts.purgeOlderThan(
      'outgoing-handshake',
      secondsBefore(now, OUTGOING_HANDSHAKE_LIMITS.windowSeconds),
    );
  }
}
