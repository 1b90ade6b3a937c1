import { Injectable } from '@nestjs/common';
import { preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

/** A live token and its enabled account: scripts present a token on every request. */
const liveTokenByDigest = preparedQuery((p: { tokenDigest: string }) =>
  tables
    .selectFrom('ApiToken as t')
    .innerJoin('Account as a', 'a.id', 't.accountId')
    .select([
      't.id as tokenId',
      't.lastUsedAt as tokenLastUsedAt',
      'a.id',
      'a.addressId',
      'a.displayName',
      'a.allowReplies',
      'a.createdAt',
      'a.role',
    ])
    .where('t.tokenDigest', '=', p.tokenDigest)
    .where('t.revokedAt', 'is', null)
    .where('a.disabledAt', 'is', null)
    .limit(1),
);

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
    const [row] = await this.db.query(liveTokenByDigest.with({ tokenDigest }));
    if (!row) return null;
    const { tokenId, tokenLastUsedAt, ...account } = row;
    return { id: tokenId, lastUsedAt: tokenLastUsedAt, account };
  }

  listLive(accountId: string) {
    return this.prisma.apiToken.findMany({ where: { accountId, revokedAt: null }, orderBy: { createdAt: 'desc' } });
  }

  revoke(accountId: string, id: string, at: Date) {
    return this.prisma.apiToken
      .updateMany({ where: { id, accountId, revokedAt: null }, data: { revokedAt: at } })
      .then(({ count }) => count === 1);
  }

  /** Revokes every live token of the account; the number revoked. */
  revokeAll(accountId: string, at: Date): Promise<number> {
    return this.prisma.apiToken
      .updateMany({ where: { accountId, revokedAt: null }, data: { revokedAt: at } })
      .then(({ count }) => count);
  }

  touch(id: string, at: Date) {
    return this.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: at } });
  }
}
