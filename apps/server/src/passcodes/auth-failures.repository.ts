import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/** Failed /openmsg/auth attempts: the handshake's caps count them, and users see them next to their pass codes. */
@Injectable()
export class AuthFailuresRepository {
  constructor(private readonly prisma: PrismaService) {}

  record(targetAddressId: string, source: string, reason: string, at: Date) {
    return this.prisma.authFailure.create({ data: { targetAddressId, source, reason, createdAt: at } });
  }

  countForTarget(targetAddressId: string, since: Date) {
    return this.prisma.authFailure.count({ where: { targetAddressId, createdAt: { gt: since } } });
  }

  countForSource(source: string, since: Date) {
    return this.prisma.authFailure.count({ where: { source, createdAt: { gt: since } } });
  }

  purgeOlderThan(before: Date) {
    return this.prisma.authFailure.deleteMany({ where: { createdAt: { lte: before } } }).then(({ count }) => count);
  }
}
