import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class ApiTokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { accountId: string; name: string; tokenDigest: string }) {
    return this.prisma.apiToken.create({ data });
  }

  /** The token's account, if the token is live and the account enabled. */
  findLiveByDigest(tokenDigest: string) {
    return this.prisma.apiToken.findFirst({
      where: { tokenDigest, revokedAt: null, account: { disabledAt: null } },
      include: { account: true },
    });
  }

  listLive(accountId: string) {
    return this.prisma.apiToken.findMany({ where: { accountId, revokedAt: null }, orderBy: { createdAt: 'desc' } });
  }

  revoke(accountId: string, id: string, at: Date) {
    return this.prisma.apiToken.updateMany({ where: { id, accountId, revokedAt: null }, data: { revokedAt: at } }).then(({ count }) => count === 1);
  }

  touch(id: string, at: Date) {
    return this.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: at } });
  }
}
