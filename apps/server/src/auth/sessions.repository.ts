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

  /**
   * The sessions end with their push subscriptions (the session's foreign key drops them), then the subscriptions
   * made with an access token go too: signing out everywhere, a new password or a disabled account stops every
   * notification but those of the session kept. Two statements, no transaction: each is whole by itself, and a
   * burst of them (100 disables at once) must not queue for the pool's transactions.
   */
  async deleteAllOf(accountId: string, exceptId?: string) {
    const { count } = await this.prisma.session.deleteMany({
      where: { accountId, ...(exceptId ? { id: { not: exceptId } } : {}) },
    });
    await this.prisma.pushSubscription.deleteMany({ where: { accountId, sessionId: null } });
    return count;
  }

  purgeExpired(now: Date) {
    return this.prisma.session.deleteMany({ where: { expiresAt: { lte: now } } }).then(({ count }) => count);
  }
}
