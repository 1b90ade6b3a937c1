import { Injectable } from '@nestjs/common';
import { preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { accountUsageKey } from '../files/file-quota.repository';
import { NodeKeysService } from '../node-keys/node-keys.service';

/** The lease a worker holds on a file while it fetches it or sends its receipt. */
export interface FetchLease {
  owner: string;
  leaseUntil: Date;
}

/** A received file this process holds the lease on, with what fetching it and sending its receipt need. */
export interface ClaimedFile {
  id: string;
  accountId: string;
  messageId: string;
  conversationId: string | null;
  /** The sender's id of the file (the manifest's id): what the fetch and the receipt name. */
  remoteId: string;
  size: number;
  chunkSize: number;
  sha256: string;
  fileKey: string;
  state: 'fetching' | 'stored' | 'refused';
  failureCode: string | null;
  receiptPending: boolean;
  /** Including this one. */
  attempts: number;
  createdAt: Date;
  completedAt: Date | null;
  /** Null when the connection is gone (the contact was deleted). */
  connection: { otherAddress: string; authCode: string; identCode: string } | null;
}

/** Received files with work left: the fetch, or the receipt after it (states of files.md §4, §8). */
const WITH_WORK = ['fetching', 'stored', 'refused'];

/**
 * The fetch queue is the Attachment table, as Message is the delivery queue: a received file (remoteId set) has work
 * while `nextAttemptAt` is set (it is null once the receipt is answered), and is due when that time has come and no
 * live lease holds it. Claims are conditional updates, so two processes on one database never take the same file.
 */
@Injectable()
export class FetchQueueRepository {
  constructor(
    private readonly db: DirectSqlService,
    private readonly keys: NodeKeysService,
  ) {}

  /** Claims up to `limit` due files, oldest due first; on PostgreSQL rows another claim holds are skipped. */
  async claimDue(lease: FetchLease, now: Date, limit: number): Promise<string[]> {
    const rows = await this.db.executeReturning(
      claimDue.with({ owner: lease.owner, leaseUntil: lease.leaseUntil, now, limit }),
    );
    return rows.map((row) => row.id);
  }

  /** Claims this file if it is due (a wake-up names it); false when it is not, or another process holds it. */
  async claim(id: string, lease: FetchLease, now: Date): Promise<boolean> {
    return (await this.db.execute(claimOne.with({ id, owner: lease.owner, leaseUntil: lease.leaseUntil, now }))) === 1;
  }

  async loadClaimed(id: string, owner: string): Promise<ClaimedFile | null> {
    const [row] = await this.db.query(claimedFile.with({ id, owner }));
    if (!row || row.messageId === null || row.remoteId === null || row.sha256 === null) return null;
    const { otherAddress, authCode, identCode, messageId, remoteId, sha256, ...file } = row;
    const connection =
      otherAddress !== null && authCode !== null && identCode !== null
        ? {
            otherAddress,
            authCode: this.keys.openSecret(authCode),
            identCode: this.keys.openSecret(identCode),
          }
        : null;
    return {
      ...file,
      messageId,
      remoteId,
      sha256,
      state: file.state as ClaimedFile['state'],
      connection,
    };
  }

  /** Keeps the lease while a long fetch runs; false when it was lost (the fetch must stop: another process has it). */
  async renewLease(id: string, lease: FetchLease): Promise<boolean> {
    return (await this.db.execute(renewLease.with({ id, owner: lease.owner, leaseUntil: lease.leaseUntil }))) === 1;
  }

  /** The attempt failed: try again at `nextAttemptAt`. */
  async retryLater(id: string, owner: string, nextAttemptAt: Date): Promise<boolean> {
    return (await this.db.execute(retryLater.with({ id, owner, nextAttemptAt }))) === 1;
  }

  /** Whole and verified: stored, and the receipt is due now (the lease is kept for it). */
  async markStored(id: string, owner: string, now: Date): Promise<boolean> {
    return (await this.db.execute(markStored.with({ id, owner, now }))) === 1;
  }

  /**
   * Given up (`reason` as the receipt says it): refused, the receipt due now (unless there is nobody to tell:
   * `receipt` false), and in the same transaction its chunks deleted and the quota it reserved freed. The statements
   * after the first act only on a file now refused, in order, so a lost lease changes nothing and nothing is freed
   * twice.
   */
  async markRefused(
    file: { id: string; accountId: string },
    owner: string,
    reason: string,
    receipt: boolean,
    now: Date,
  ): Promise<boolean> {
    const { id, accountId } = file;
    const [changed] = await this.db.transaction([
      markRefused.with({ id, owner, reason, now, receipt, nextAttemptAt: receipt ? now : null }),
      freeRefused(accountId, id),
      dropRefusedReservation.with({ id }),
      dropRefusedChunks.with({ id }),
    ]);
    return changed === 1;
  }

  /** The receipt was answered (or there is no point sending it any more): no work left on this file. */
  async receiptDone(id: string, owner: string): Promise<boolean> {
    return (await this.db.execute(receiptDone.with({ id, owner }))) === 1;
  }
}

const isDue = (p: { now: Date }) =>
  tables
    .selectFrom('Attachment')
    .select('id')
    .where('state', 'in', WITH_WORK)
    .where('remoteId', 'is not', null)
    .where('nextAttemptAt', '<=', p.now)
    .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', p.now)]));

const claimDue = preparedQuery((p: { owner: string; leaseUntil: Date; now: Date; limit: number }) =>
  tables
    .updateTable('Attachment')
    .set((eb) => ({ leaseOwner: p.owner, leaseUntil: p.leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', isDue(p).orderBy('nextAttemptAt').limit(p.limit).forUpdate().skipLocked())
    .returning('id'),
);

const claimOne = preparedQuery((p: { id: string; owner: string; leaseUntil: Date; now: Date }) =>
  tables
    .updateTable('Attachment')
    .set((eb) => ({ leaseOwner: p.owner, leaseUntil: p.leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', p.id)
    .where('state', 'in', WITH_WORK)
    .where('remoteId', 'is not', null)
    .where('nextAttemptAt', '<=', p.now)
    .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', p.now)])),
);

const claimedFile = preparedQuery((p: { id: string; owner: string }) =>
  tables
    .selectFrom('Attachment as a')
    .innerJoin('Message as m', 'm.id', 'a.messageId')
    .leftJoin('Connection as c', 'c.id', 'm.connectionId')
    .leftJoin('Conversation as v', 'v.connectionId', 'm.connectionId')
    .select([
      'a.id',
      'a.accountId',
      'a.messageId',
      'a.remoteId',
      'a.size',
      'a.chunkSize',
      'a.sha256',
      'a.fileKey',
      'a.state',
      'a.failureCode',
      'a.receiptPending',
      'a.attempts',
      'a.createdAt',
      'a.completedAt',
      'v.id as conversationId',
      'c.otherAddress',
      'c.authCode',
      'c.identCode',
    ])
    .where('a.id', '=', p.id)
    .where('a.leaseOwner', '=', p.owner),
);

const renewLease = preparedQuery((p: { id: string; owner: string; leaseUntil: Date }) =>
  tables
    .updateTable('Attachment')
    .set({ leaseUntil: p.leaseUntil })
    .where('id', '=', p.id)
    .where('leaseOwner', '=', p.owner),
);

const retryLater = preparedQuery((p: { id: string; owner: string; nextAttemptAt: Date }) =>
  tables
    .updateTable('Attachment')
    .set({ nextAttemptAt: p.nextAttemptAt, leaseOwner: null, leaseUntil: null })
    .where('id', '=', p.id)
    .where('leaseOwner', '=', p.owner),
);

const markStored = preparedQuery((p: { id: string; owner: string; now: Date }) =>
  tables
    .updateTable('Attachment')
    .set({ state: 'stored', completedAt: p.now, receiptPending: true, nextAttemptAt: p.now, attempts: 0 })
    .where('id', '=', p.id)
    .where('leaseOwner', '=', p.owner)
    .where('state', '=', 'fetching'),
);

const markRefused = preparedQuery(
  (p: { id: string; owner: string; reason: string; now: Date; receipt: boolean; nextAttemptAt: Date | null }) =>
    tables
      .updateTable('Attachment')
      .set({
        state: 'refused',
        failureCode: p.reason,
        storedBytes: 0,
        completedAt: p.now,
        receiptPending: p.receipt,
        nextAttemptAt: p.nextAttemptAt,
        attempts: 0,
      })
      .where('id', '=', p.id)
      .where('leaseOwner', '=', p.owner)
      .where('state', '=', 'fetching'),
);

/** The account's and the node's counts lose what the refused file reserved (files/file-quota.repository.ts). */
function freeRefused(accountId: string, id: string) {
  return tables
    .updateTable('FileStorageUsage')
    .set((eb) => ({
      bytes: eb(
        'bytes',
        '-',
        eb
          .selectFrom('Attachment')
          .select('reservedBytes')
          .where('id', '=', id)
          .where('state', '=', 'refused')
          .where('reservedBytes', '>', 0),
      ),
    }))
    .where('key', 'in', [accountUsageKey(accountId), 'node'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('Attachment')
          .select('id')
          .where('id', '=', id)
          .where('state', '=', 'refused')
          .where('reservedBytes', '>', 0),
      ),
    );
}

const dropRefusedReservation = preparedQuery((p: { id: string }) =>
  tables.updateTable('Attachment').set({ reservedBytes: 0 }).where('id', '=', p.id).where('state', '=', 'refused'),
);

const dropRefusedChunks = preparedQuery((p: { id: string }) =>
  tables
    .deleteFrom('AttachmentChunk')
    .where('attachmentId', '=', p.id)
    .where((eb) =>
      eb.exists(eb.selectFrom('Attachment').select('id').where('id', '=', p.id).where('state', '=', 'refused')),
    ),
);

const receiptDone = preparedQuery((p: { id: string; owner: string }) =>
  tables
    .updateTable('Attachment')
    .set({ receiptPending: false, nextAttemptAt: null, leaseOwner: null, leaseUntil: null })
    .where('id', '=', p.id)
    .where('leaseOwner', '=', p.owner),
);
