import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class InvitationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { codeDigest: string; note: string | null; expiresAt: Date }) {
    return this.prisma.invitation.create({ data });
  }

  /** Marks a live invitation used; true only for the one caller that got it (a single conditional update). */
  spend(codeDigest: string, now: Date) {
    return this.prisma.invitation
      .updateMany({ where: { codeDigest, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
      .then(({ count }) => count === 1);
  }

  giveBack(codeDigest: string) {
    return this.prisma.invitation.updateMany({ where: { codeDigest }, data: { usedAt: null } });
  }

  purgeExpired(now: Date) {
    return this.prisma.invitation.deleteMany({ where: { expiresAt: { lte: now } } }).then(({ count }) => count);
  }
}
