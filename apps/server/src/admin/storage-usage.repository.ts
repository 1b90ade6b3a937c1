import { Injectable } from '@nestjs/common';
import { type Account, sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

/** Bytes stored per account, one query per kind of data; files will add theirs here. */
@Injectable()
export class StorageUsageRepository {
  constructor(
    private readonly db: DirectSqlService,
    private readonly prisma: PrismaService,
  ) {}

  /** The stored bodies (sealed at rest where the node has a key: what the disk holds). Reads every message: an admin page, not a hot path. */
  async messageBytesPerAccount(): Promise<Map<string, number>> {
    const rows = await this.db.query<{ accountId: string; bytes: number | string }>(sql`
      SELECT "accountId", CAST(SUM(octet_length("body")) AS BIGINT) AS "bytes" FROM "Message" GROUP BY "accountId"`);
    return new Map(rows.map((row) => [row.accountId, Number(row.bytes)]));
  }

  accounts(ids: string[]): Promise<Array<Pick<Account, 'id' | 'addressId' | 'displayName'>>> {
    return this.prisma.account.findMany({ where: { id: { in: ids } }, select: { id: true, addressId: true, displayName: true } });
  }
}
