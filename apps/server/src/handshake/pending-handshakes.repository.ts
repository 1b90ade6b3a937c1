import { Injectable } from '@nestjs/common';
import { tables } from '@openmsg/db';
import { randomUUID } from 'node:crypto';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class PendingHandshakesRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
  ) {}

  /**
   * Records a handshake about to start, unless the account has one with that address under way
   * (started after `notBefore`): null then. Under a lock per pair, so of handshakes started at the
   * same moment one goes; two at once would each replace the pair's secrets, on the two sides in
   * different orders.
   */
  async createUnlessUnderWay(
    data: { accountId: string; otherAddress: string; passcodeHash: string; createdAt: Date },
    notBefore: Date,
  ): Promise<{ id: string } | null> {
    const id = randomUUID();
    const [created] = await this.db.transaction(
      [
        tables
          .insertInto('PendingHandshake')
          .columns(['id', 'accountId', 'otherAddress', 'passcodeHash', 'createdAt'])
          .expression(
            tables
              .selectNoFrom((eb) => [
                eb.val(id).as('id'),
                eb.val(data.accountId).as('accountId'),
                eb.val(data.otherAddress).as('otherAddress'),
                eb.val(data.passcodeHash).as('passcodeHash'),
                eb.val(data.createdAt).as('createdAt'),
              ])
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('PendingHandshake')
                      .select('id')
                      .where('accountId', '=', data.accountId)
                      .where('otherAddress', '=', data.otherAddress)
                      .where('createdAt', '>=', notBefore),
                  ),
                ),
              ),
          ),
      ],
      { lockKeys: [`handshake:${data.accountId}:${data.otherAddress}`] },
    );
    return created === 1 ? { id } : null;
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
