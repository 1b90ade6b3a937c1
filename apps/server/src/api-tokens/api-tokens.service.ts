import { Injectable } from '@nestjs/common';
import type { ApiTokenView, CreatedApiToken } from '@openmsg/core';
import { toBase64Url } from '@openmsg/core';
import { randomBytes } from 'node:crypto';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiException } from '../http/api-error';

const TOKEN_PREFIX = 'om_';
/** Writing last-used on every request would cost a write per call; once a minute is enough to show. */
const TOUCH_INTERVAL_MS = 60_000;

/** Personal access tokens: shown once at creation, stored only as a keyed digest. */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly keys: NodeKeysService,
  ) {}

  async create(accountId: string, name: string): Promise<CreatedApiToken> {
    const token = TOKEN_PREFIX + toBase64Url(randomBytes(32));
    const row = await this.tokens.create({ accountId, name, tokenDigest: this.keys.tokenDigest(token) });
    return { ...view(row), token };
  }

  async list(accountId: string): Promise<ApiTokenView[]> {
    return (await this.tokens.listLive(accountId)).map(view);
  }

  async revoke(accountId: string, id: string): Promise<void> {
    if (!(await this.tokens.revoke(accountId, id, new Date())))
      throw new ApiException('not_found', 'access token not found');
  }

  /** A new password revokes every token: one made with a leaked password must not outlive it. */
  revokeAll(accountId: string): Promise<number> {
    return this.tokens.revokeAll(accountId, new Date());
  }

  async authenticate(token: string) {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const row = await this.tokens.findLiveByDigest(this.keys.tokenDigest(token));
    if (!row) return null;
    const now = new Date();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS)
      await this.tokens.touch(row.id, now);
    return row.account;
  }
}

function view(row: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
