import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class AccountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findActiveByAddressId(addressId: string) {
    return this.prisma.account.findFirst({ where: { addressId, disabledAt: null } });
  }

  findByAddressId(addressId: string) {
    return this.prisma.account.findUnique({ where: { addressId } });
  }

  findById(id: string) {
    return this.prisma.account.findUnique({ where: { id } });
  }

  create(data: { addressId: string; displayName: string; allowReplies?: boolean; passwordHash?: string | null }) {
    return this.prisma.account.create({ data });
  }

  update(id: string, data: { displayName?: string; allowReplies?: boolean; passwordHash?: string; disabledAt?: Date | null }) {
    return this.prisma.account.update({ where: { id }, data });
  }

  isAddressIdTaken(addressId: string) {
    return this.prisma.account.count({ where: { addressId } }).then((count) => count > 0);
  }

  list() {
    return this.prisma.account.findMany({ orderBy: { createdAt: 'asc' } });
  }
}
