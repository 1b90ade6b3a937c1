import { Injectable } from '@nestjs/common';
import { type Account, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

/**
 * The bytes of the stored bodies per account (octet_length counts bytes on both databases). The sum
 * is cast to a double, a number on both (PostgreSQL's bigint would come back as a string; exact to 2^53 bytes).
 */
const messageBytes = tables
  .selectFrom('Message')
  .select((eb) => [
    'accountId',
    eb.cast<number>(eb.fn.sum(eb.fn<number>('octet_length', [eb.ref('body')])), 'double precision').as('bytes'),
  ])
  .groupBy('accountId');

/** Bytes stored per account, one query per kind of data; files will add theirs here. */
@Injectable()
export class StorageUsageRepository {
  constructor(
    private readonly db: DirectSqlService,
    private readonly prisma: PrismaService,
  ) {}

  /** The stored bodies (sealed at rest where the node has a key: what the disk holds). Reads every message: an admin page, not a hot path. */
  async messageBytesPerAccount(): Promise<Map<string, number>> {
    const rows = await this.db.query(messageBytes);
    return new Map(rows.map((row) => [row.accountId, row.bytes]));
  }

  accounts(ids: string[]): Promise<Array<Pick<Account, 'id' | 'addressId' | 'displayName'>>> {
    return this.prisma.account.findMany({
      where: { id: { in: ids } },
      select: { id: true, addressId: true, displayName: true },
    });
  }
}
