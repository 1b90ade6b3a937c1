import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: {
    accountId: string;
    tokenDigest: string;
    csrfToken: string;
    userAgent: string | null;
    expiresAt: Date;
  }) {
    return this.prisma.session.create({ data });
  }

  /** The session and its account, if the session has not expired and the account is enabled. */
  findLive(tokenDigest: string, now: Date) {
    return this.prisma.session.findFirst({
      where: { tokenDigest, expiresAt: { gt: now }, account: { disabledAt: null } },
      include: { account: true },
    });
  }

  touch(id: string, lastSeenAt: Date, expiresAt: Date) {
    return this.prisma.session.updateMany({ where: { id }, data: { lastSeenAt, expiresAt } });
  }

  delete(id: string) {
    return this.prisma.session.deleteMany({ where: { id } }).then(({ count }) => count);
  }

  deleteAllOf(accountId: string, exceptId?: string) {
    return this.prisma.session
      .deleteMany({ where: { accountId, ...(exceptId ? { id: { not: exceptId } } : {}) } })
      .then(({ count }) => count);
  }

  purgeExpired(now: Date) {
    return this.prisma.session.deleteMany({ where: { expiresAt: { lte: now } } }).then(({ count }) => count);
  }
}
