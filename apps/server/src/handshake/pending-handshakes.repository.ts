import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class PendingHandshakesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { accountId: string; otherAddress: string; passcodeHash: string; createdAt: Date }) {
    return this.prisma.pendingHandshake.create({ data });
  }

  /** Removes a live matching row and says whether this caller was the one that did (single use). */
  async consume(otherAddress: string, passcodeHash: string, notBefore: Date): Promise<boolean> {
    const { count } = await this.prisma.pendingHandshake.deleteMany({
      where: { otherAddress, passcodeHash, createdAt: { gte: notBefore } },
    });
    return count > 0;
  }

  delete(id: string) {
    return this.prisma.pendingHandshake.deleteMany({ where: { id } });
  }

  purgeOlderThan(before: Date) {
    return this.prisma.pendingHandshake.deleteMany({ where: { createdAt: { lt: before } } }).then(({ count }) => count);
  }
}
