import { Injectable } from '@nestjs/common';
import { type Account, type ApiToken, sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

type LiveTokenRow = Pick<Account, 'id' | 'addressId' | 'displayName' | 'allowReplies' | 'createdAt' | 'role'> & {
  tokenId: ApiToken['id'];
  tokenLastUsedAt: ApiToken['lastUsedAt'];
};

@Injectable()
export class ApiTokensRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
  ) {}

  create(data: { accountId: string; name: string; tokenDigest: string }) {
    return this.prisma.apiToken.create({ data });
  }

  /** The token's account, if the token is live and the account enabled. Direct statement: scripts call this on every request. */
  async findLiveByDigest(tokenDigest: string) {
    const rows = await this.db.query<LiveTokenRow>(sql`
      SELECT t."id" AS "tokenId", t."lastUsedAt" AS "tokenLastUsedAt", a."id", a."addressId", a."displayName", a."allowReplies", a."createdAt", a."role"
      FROM "ApiToken" t JOIN "Account" a ON a."id" = t."accountId"
      WHERE t."tokenDigest" = ${tokenDigest} AND t."revokedAt" IS NULL AND a."disabledAt" IS NULL
      LIMIT 1`);
    const row = rows[0];
    if (!row) return null;
    const { tokenId, tokenLastUsedAt, ...account } = row;
    return { id: tokenId, lastUsedAt: tokenLastUsedAt, account };
  }

  listLive(accountId: string) {
    return this.prisma.apiToken.findMany({ where: { accountId, revokedAt: null }, orderBy: { createdAt: 'desc' } });
  }

  revoke(accountId: string, id: string, at: Date) {
    return this.prisma.apiToken.updateMany({ where: { id, accountId, revokedAt: null }, data: { revokedAt: at } }).then(({ count }) => count === 1);
  }

  /** Revokes every live token of the account; the number revoked. */
  revokeAll(accountId: string, at: Date): Promise<number> {
    return this.prisma.apiToken.updateMany({ where: { accountId, revokedAt: null }, data: { revokedAt: at } }).then(({ count }) => count);
  }

  touch(id: string, at: Date) {
    return this.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: at } });
  }
}
