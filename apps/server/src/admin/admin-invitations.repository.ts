import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

const SHOWN = 200;

/** The invitations as the console lists and revokes them (creating one is the auth module's InvitationsService). */
@Injectable()
export class AdminInvitationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  list() {
    return this.prisma.invitation.findMany({
      select: { id: true, note: true, createdAt: true, expiresAt: true, usedAt: true },
      orderBy: { createdAt: 'desc' },
      take: SHOWN,
    });
  }

  /** True for the one call that deleted it. */
  revoke(id: string): Promise<boolean> {
    return this.prisma.invitation.deleteMany({ where: { id } }).then(({ count }) => count === 1);
  }
}
