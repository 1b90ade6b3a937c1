import { Inject, Injectable } from '@nestjs/common';
import { toBase64Url } from '@openmsg/core';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { SessionsRepository } from './sessions.repository';

/** Writing last-seen on every request would cost a write per call; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60_000;
const MAX_TOKEN_LENGTH = 100;

export interface NewSession {
  id: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Server-side browser sessions: revocable at once, the cookie holds only a random token. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsRepository,
    private readonly keys: NodeKeysService,
  ) {}

  get lifetimeMs(): number {
    return this.config.accounts.sessionDays * 24 * 3600 * 1000;
  }

  async start(accountId: string, userAgent: string | null, now = new Date()): Promise<NewSession> {
    const token = toBase64Url(randomBytes(32));
    const csrfToken = toBase64Url(randomBytes(24));
    const expiresAt = new Date(now.getTime() + this.lifetimeMs);
    const row = await this.sessions.create({
      accountId,
      tokenDigest: this.keys.tokenDigest(token),
      csrfToken,
      userAgent: userAgent?.slice(0, 200) ?? null,
      expiresAt,
    });
    return { id: row.id, token, csrfToken, expiresAt };
  }

  /** The live session for a cookie token, extended while it is used (sliding expiry). */
  async authenticate(token: string, now = new Date()) {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
    const row = await this.sessions.findLive(this.keys.tokenDigest(token), now);
    if (!row) return null;
    if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.touch(row.id, now, new Date(now.getTime() + this.lifetimeMs));
    }
    return row;
  }

  end(sessionId: string): Promise<number> {
    return this.sessions.delete(sessionId);
  }

  /** Signs the account out everywhere, or everywhere but the session that asked. */
  endAll(accountId: string, exceptSessionId?: string): Promise<number> {
    return this.sessions.deleteAllOf(accountId, exceptSessionId);
  }

  purgeExpired(now = new Date()): Promise<number> {
    return this.sessions.purgeExpired(now);
  }
}
