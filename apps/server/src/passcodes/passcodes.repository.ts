import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class PassCodesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { accountId: string; codeDigest: string; note: string | null; expiresAt: Date }) {
    return this.prisma.passCode.create({ data });
  }

  findByDigest(accountId: string, codeDigest: string) {
    return this.prisma.passCode.findUnique({ where: { accountId_codeDigest: { accountId, codeDigest } } });
  }

  /** True only for the one caller that removed the row: that is what makes a code single use. */
  async deleteOnce(id: string): Promise<boolean> {
    const { count } = await this.prisma.passCode.deleteMany({ where: { id } });
    return count === 1;
  }

  /** Puts a spent code back as it was (its id, digest, note and expiry). */
  async restore(row: {
    id: string;
    accountId: string;
    codeDigest: string;
    note: string | null;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<void> {
    const { id, accountId, codeDigest, note, createdAt, expiresAt } = row;
    await this.prisma.passCode.create({ data: { id, accountId, codeDigest, note, createdAt, expiresAt } });
  }

  listOpen(accountId: string, now: Date) {
    return this.prisma.passCode.findMany({
      where: { accountId, expiresAt: { gt: now } },
      orderBy: { createdAt: 'desc' },
    });
  }

  revoke(accountId: string, id: string) {
    return this.prisma.passCode.deleteMany({ where: { id, accountId } }).then(({ count }) => count === 1);
  }

  purgeExpired(now: Date) {
    return this.prisma.passCode.deleteMany({ where: { expiresAt: { lte: now } } }).then(({ count }) => count);
  }
}
