import { Injectable } from '@nestjs/common';
import { preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { NodeKeysService } from '../node-keys/node-keys.service';

/** One of this node's connections a fetch or a receipt names by its ident code, with the auth code in clear. */
export interface ServingConnection {
  id: string;
  authCode: string;
}

/** A file this node sent, as a fetch or a receipt needs it. */
export interface SentFile {
  id: string;
  accountId: string;
  messageId: string;
  connectionId: string;
  conversationId: string | null;
  size: number;
  chunkSize: number;
  sha256: string | null;
  state: string;
  storedBytes: number;
  servedChunks: number;
}

/** The states of a sent file that can be fetched: whole, whatever the receiver answered (files.md §8, last part). */
const SERVABLE_STATES = ['ready', 'delivered', 'refused'];

const connectionsByDigest = preparedQuery((p: { digest: string }) =>
  tables.selectFrom('Connection').select(['id', 'authCode']).where('identDigest', '=', p.digest),
);
const connectionsByIdentCode = preparedQuery((p: { identCode: string }) =>
  tables
    .selectFrom('Connection')
    .select(['id', 'authCode'])
    .where('identCode', '=', p.identCode)
    .where('identDigest', 'is', null),
);

const SENT_FILE_COLUMNS = [
  'a.id',
  'a.accountId',
  'a.size',
  'a.chunkSize',
  'a.sha256',
  'a.state',
  'a.storedBytes',
  'a.servedChunks',
  'm.id as messageId',
  'm.connectionId',
  'v.id as conversationId',
] as const;

/**
 * The sending side of files-1: which connection a request names, which of the files sent on it it asks for, how far
 * the receiver has fetched, and what it answered. Direct statements: a fetch runs them before the first byte.
 */
@Injectable()
export class ServedFilesRepository {
  constructor(
    private readonly db: DirectSqlService,
    private readonly keys: NodeKeysService,
  ) {}

  /**
   * The connections with this ident code: one, or two when both users are on this node (each side's row carries the
   * same secrets). With a node key a row is found by the code's keyed digest, an older row without one by the code.
   */
  async connectionsByIdentCode(identCode: string): Promise<ServingConnection[]> {
    const digest = this.keys.identDigest(identCode);
    const byDigest = digest ? await this.db.query(connectionsByDigest.with({ digest })) : [];
    const byCode = await this.db.query(connectionsByIdentCode.with({ identCode }));
    return [...byDigest, ...byCode].map((row) => ({ id: row.id, authCode: this.keys.openSecret(row.authCode) }));
  }

  /**
   * The file `fileId` among the files of messages sent on these connections, whole; null for any other file, another
   * connection's or an id nobody gave (the answer is the same for all of them).
   */
  async findSentFile(fileId: string, connectionIds: string[]): Promise<SentFile | null> {
    if (connectionIds.length === 0) return null;
    const [row] = await this.db.query(
      tables
        .selectFrom('Attachment as a')
        .innerJoin('Message as m', 'm.id', 'a.messageId')
        .leftJoin('Conversation as v', 'v.connectionId', 'm.connectionId')
        .select(SENT_FILE_COLUMNS)
        .where('a.id', '=', fileId)
        .where('a.remoteId', 'is', null)
        .where('a.state', 'in', SERVABLE_STATES)
        .where('m.direction', '=', 'out')
        .where('m.connectionId', 'in', connectionIds)
        .limit(1),
    );
    // The join on connectionIds makes it non-null; the column is nullable (a deleted connection's messages keep theirs).
    return row?.connectionId ? { ...row, connectionId: row.connectionId } : null;
  }

  /** The receiver has fetched `served` chunks (it only grows: a resumed fetch starts where the last one stopped). */
  async recordServed(fileId: string, served: number): Promise<void> {
    await this.db.execute(recordServed.with({ id: fileId, served }));
  }

  /**
   * The receiver's receipt: delivered (stored) or refused with its reason. Only the first answer counts, so a receipt
   * sent again changes nothing; true when this one changed the file.
   */
  async recordReceipt(
    fileId: string,
    outcome: { state: 'delivered'; failureCode: null } | { state: 'refused'; failureCode: string | null },
  ): Promise<boolean> {
    const changed = await this.db.execute(
      recordReceipt.with({ id: fileId, state: outcome.state, failureCode: outcome.failureCode }),
    );
    return changed === 1;
  }

  async messageState(messageId: string): Promise<string | null> {
    const [row] = await this.db.query(messageState.with({ id: messageId }));
    return row?.state ?? null;
  }
}

const recordServed = preparedQuery((p: { id: string; served: number }) =>
  tables
    .updateTable('Attachment')
    .set({ servedChunks: p.served })
    .where('id', '=', p.id)
    .where('servedChunks', '<', p.served),
);

const recordReceipt = preparedQuery((p: { id: string; state: string; failureCode: string | null }) =>
  tables
    .updateTable('Attachment')
    .set({ state: p.state, failureCode: p.failureCode })
    .where('id', '=', p.id)
    .where('state', '=', 'ready'),
);

const messageState = preparedQuery((p: { id: string }) =>
  tables.selectFrom('Message').select('state').where('id', '=', p.id),
);
