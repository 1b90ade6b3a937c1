import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly prisma: PrismaService) {}

  record(addressId: string, source: string, at: Date) {
    return this.prisma.loginFailure.create({ data: { addressId, source, createdAt: at } });
  }

  countForAddress(addressId: string, since: Date) {
    return this.prisma.loginFailure.count({ where: { addressId, createdAt: { gt: since } } });
  }

  countForSource(source: string, since: Date) {
    return this.prisma.loginFailure.count({ where: { source, createdAt: { gt: since } } });
  }

  clearForAddress(addressId: string) {
    return this.prisma.loginFailure.deleteMany({ where: { addressId } });
  }

  purgeOlderThan(before: Date) {
    return this.prisma.loginFailure.deleteMany({ where: { createdAt: { lte: before } } }).then(({ count }) => count);
  }
}
