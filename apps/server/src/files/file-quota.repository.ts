import { Inject, Injectable } from '@nestjs/common';
import { type Statement, tables } from '@openmsg/db';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectSqlService } from '../database/direct-sql.service';

/** Why a reservation was refused: the account's quota, or the whole node's. */
export type QuotaOutcome = 'ok' | 'quota_full' | 'node_storage_full';

const NODE_KEY = 'node';
/** Every reservation takes this lock: they run one after another, each seeing the ones before committed. */
const QUOTA_LOCK = 'file-quota';

export function accountUsageKey(accountId: string): string {
  return `account:${accountId}`;
}

/**
 * Bytes of files held against the quotas (FileStorageUsage: one row per account and one for the node), counted
 * per file in Attachment.reservedBytes so that a delete frees exactly what the file reserved, in the same write.
 *
 * A reservation is one transaction under one lock: the attachment is marked with the bytes only if both rows stay
 * within their quotas with them, then both rows grow by them. Releases need no lock: they only lower the counts, so
 * a reservation that read a count just before a release decided on the safe side.
 */
@Injectable()
export class FileQuotaRepository {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DirectSqlService,
  ) {}

  /**
   * Reserves `bytes` for an attachment that holds none yet (a received file before its first byte is fetched);
   * 'ok' also when it already holds its reservation.
   */
  async reserveFor(accountId: string, attachmentId: string, bytes: number): Promise<QuotaOutcome> {
    const counts = await this.db.transaction(this.reservation(accountId, attachmentId, bytes), {
      lockKeys: [QUOTA_LOCK],
    });
    if (counts[2] === 1 || bytes === 0) return 'ok';
    const [held] = await this.db.query(
      tables.selectFrom('Attachment').select('reservedBytes').where('id', '=', attachmentId),
    );
    if (held && held.reservedBytes > 0) return 'ok';
    return this.whyFull(accountId, bytes);
  }

  /**
   * A new attachment row and its reservation in one transaction: the row is inserted, reserved, and deleted again
   * when the quota has no room (then nothing is left of it).
   */
  async insertReserved(insert: Statement, accountId: string, attachmentId: string, bytes: number) {
    const counts = await this.db.transaction(
      [
        insert,
        ...this.reservation(accountId, attachmentId, bytes),
        tables
          .deleteFrom('Attachment')
          .where('id', '=', attachmentId)
          .where('reservedBytes', '=', 0)
          .where('size', '>', 0),
      ],
      { lockKeys: [QUOTA_LOCK] },
    );
    if (counts[3] === 1 || bytes === 0) return 'ok';
    return this.whyFull(accountId, bytes);
  }

  /** The account's bytes held (sent and received files, uploads in progress at their declared size). */
  async usedBytes(accountId: string): Promise<number> {
    const [row] = await this.db.query(
      tables.selectFrom('FileStorageUsage').select('bytes').where('key', '=', accountUsageKey(accountId)),
    );
    return Number(row?.bytes ?? 0);
  }

  private async whyFull(accountId: string, bytes: number): Promise<QuotaOutcome> {
    const rows = await this.db.query(
      tables
        .selectFrom('FileStorageUsage')
        .select(['key', 'bytes'])
        .where('key', 'in', [accountUsageKey(accountId), NODE_KEY]),
    );
    const account = Number(rows.find((row) => row.key !== NODE_KEY)?.bytes ?? 0);
    return account + bytes > this.config.files.accountQuotaBytes ? 'quota_full' : 'node_storage_full';
  }

  /**
   * The rows exist; the attachment's reservedBytes becomes -bytes (a mark only this transaction sees) if both counts
   * stay within their quotas; the counts grow where the mark is; the mark becomes the reservation. Statement 2 (from
   * 0) changes a row exactly when the reservation is made.
   */
  private reservation(accountId: string, attachmentId: string, bytes: number): Statement[] {
    const accountKey = accountUsageKey(accountId);
    const accountLimit = this.config.files.accountQuotaBytes - bytes;
    const nodeLimit = this.config.files.nodeQuotaBytes - bytes;
    const usage = (key: string) => tables.selectFrom('FileStorageUsage').select('bytes').where('key', '=', key);
    return [
      tables
        .insertInto('FileStorageUsage')
        .values({ key: accountKey, bytes: 0 })
        .onConflict((conflict) => conflict.column('key').doNothing()),
      tables
        .insertInto('FileStorageUsage')
        .values({ key: NODE_KEY, bytes: 0 })
        .onConflict((conflict) => conflict.column('key').doNothing()),
      tables
        .updateTable('Attachment')
        .set({ reservedBytes: -bytes })
        .where('id', '=', attachmentId)
        .where('reservedBytes', '=', 0)
        .where((eb) => eb.and([eb(usage(accountKey), '<=', accountLimit), eb(usage(NODE_KEY), '<=', nodeLimit)])),
      tables
        .updateTable('FileStorageUsage')
        .set((eb) => ({ bytes: eb('bytes', '+', bytes) }))
        .where('key', 'in', [accountKey, NODE_KEY])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('Attachment')
              .select('id')
              .where('id', '=', attachmentId)
              .where('reservedBytes', '=', -bytes)
              .where('reservedBytes', '<', 0),
          ),
        ),
      tables
        .updateTable('Attachment')
        .set({ reservedBytes: bytes })
        .where('id', '=', attachmentId)
        .where('reservedBytes', '=', -bytes)
        .where('reservedBytes', '<', 0),
    ];
  }
}

/**
 * What frees the quota of the attachments a delete takes with it. Each builder gives the statements to run in the
 * delete's own write, BEFORE the delete (in a writeTogether on PostgreSQL every part sees the rows as they were, in a
 * transaction the statements run in order): the account's and the node's counts lose the deleted files' reservedBytes.
 */
export const freeQuotaOf = {
  /** One message of the account (its files go with it by cascade). */
  message(accountId: string, messageId: string): Statement {
    return release(accountId, (eb) => eb('messageId', '=', messageId));
  },
  /** Every message of one contact of the account. */
  connection(accountId: string, connectionId: string): Statement {
    return release(accountId, (eb) =>
      eb(
        'messageId',
        'in',
        eb.selectFrom('Message').select('Message.id').where('Message.connectionId', '=', connectionId),
      ),
    );
  },
  /** One attachment (an upload cancelled or never sent). */
  attachment(accountId: string, attachmentId: string): Statement {
    return release(accountId, (eb) => eb('id', '=', attachmentId));
  },
  /** Everything the account holds: the node's count loses it, the account's row goes. */
  account(accountId: string): Statement[] {
    return [
      tables
        .updateTable('FileStorageUsage')
        .set((eb) => ({ bytes: eb('bytes', '-', heldBy(accountId)) }))
        .where('key', '=', NODE_KEY),
      tables.deleteFrom('FileStorageUsage').where('key', '=', accountUsageKey(accountId)),
    ];
  },
};

type AttachmentFilter = Parameters<ReturnType<typeof tables.selectFrom<'Attachment'>>['where']>[0];

/** The bytes the account's attachments (those `filter` picks, or all) hold. */
function heldBy(accountId: string, filter?: AttachmentFilter) {
  const held = tables
    .selectFrom('Attachment')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('reservedBytes'), eb.lit(0)).as('held'))
    .where('accountId', '=', accountId);
  return filter ? held.where(filter) : held;
}

function release(accountId: string, filter: AttachmentFilter): Statement {
  return tables
    .updateTable('FileStorageUsage')
    .set((eb) => ({ bytes: eb('bytes', '-', heldBy(accountId, filter)) }))
    .where('key', 'in', [accountUsageKey(accountId), NODE_KEY]);
}
