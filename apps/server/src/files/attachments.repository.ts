import { Injectable } from '@nestjs/common';
import { preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { freeQuotaOf, FileQuotaRepository, type QuotaOutcome } from './file-quota.repository';

/** A new upload as the tus endpoint creates it: declared size, no bytes yet. */
export interface NewUpload {
  id: string;
  accountId: string;
  name: string;
  contentType: string;
  size: number;
  fileKey: string;
  chunkSize: number;
  keepLocation: boolean;
  createdAt: Date;
}

/** What an upload in progress needs: where it stands and how to seal its next chunk. */
export type UploadRow = NonNullable<Awaited<ReturnType<AttachmentsRepository['findUpload']>>>;
/** An attachment as its views show it (no key, no preview bytes). */
export type StoredAttachment = Awaited<ReturnType<AttachmentsRepository['listForMessages']>>[number];
/** An attachment as a download reads it. */
export type OwnedAttachment = NonNullable<Awaited<ReturnType<AttachmentsRepository['findOwned']>>>;

/** Attachment rows: uploads, their states, and the reads of views and downloads. Chunks: AttachmentChunksRepository. */
@Injectable()
export class AttachmentsRepository {
  constructor(
    private readonly db: DirectSqlService,
    private readonly quota: FileQuotaRepository,
  ) {}

  /** The upload's row with its declared size reserved against the quotas, or nothing and why not. */
  createUpload(upload: NewUpload): Promise<QuotaOutcome> {
    const insert = tables.insertInto('Attachment').values({ ...upload, state: 'uploading', storedBytes: 0 });
    return this.quota.insertReserved(insert, upload.accountId, upload.id, upload.size);
  }

  /** An upload of the account not yet attached to a message (uploading or ready). */
  async findUpload(accountId: string, id: string) {
    const [row] = await this.db.query(findUpload.with({ accountId, id }));
    return row ?? null;
  }

  /** The upload's last byte is stored and its hash known: it may be sent. False when it was not (any more) uploading. */
  async markReady(id: string, sha256: string, at: Date): Promise<boolean> {
    const changed = await this.db.execute(
      tables
        .updateTable('Attachment')
        .set({ state: 'ready', sha256, completedAt: at })
        .where('id', '=', id)
        .where('state', '=', 'uploading')
        .whereRef('storedBytes', '=', 'size'),
    );
    return changed === 1;
  }

  /** Cancels an upload not sent yet: the row and its chunks go, and its reservation is freed, in one write. */
  async deleteUpload(accountId: string, id: string): Promise<boolean> {
    const [, deleted] = await this.db.transaction([
      freeQuotaOf.attachment(accountId, id),
      tables
        .deleteFrom('Attachment')
        .where('id', '=', id)
        .where('accountId', '=', accountId)
        .where('messageId', 'is', null),
    ]);
    return deleted === 1;
  }

  /** An attachment of the account, sent, received or uploaded, with what a download needs. */
  async findOwned(accountId: string, id: string) {
    const [row] = await this.db.query(findOwned.with({ accountId, id }));
    return row ?? null;
  }

  /** The preview the node made of an image of the account (sealed with the file's key), or null. */
  async findThumbnail(accountId: string, id: string) {
    const [row] = await this.db.query(
      tables
        .selectFrom('Attachment')
        .select(['fileKey', 'thumbnail'])
        .where('id', '=', id)
        .where('accountId', '=', accountId)
        .where('thumbnail', 'is not', null),
    );
    return row?.thumbnail ? { fileKey: row.fileKey, thumbnail: row.thumbnail } : null;
  }

  /** The files of these messages in their order: one query for a page of messages. */
  async listForMessages(messageIds: readonly string[]) {
    if (messageIds.length === 0) return [];
    const rows = await this.db.query(
      tables
        .selectFrom('Attachment')
        .select((eb) => [
          ...VIEW_COLUMNS,
          'messageId',
          eb.case().when('thumbnail', 'is not', null).then(1).else(0).end().as('thumbnailMade'),
        ])
        .where('messageId', 'in', [...messageIds])
        .orderBy('messageId')
        .orderBy('position'),
    );
    return rows.map(({ thumbnailMade, ...row }) => ({ ...row, hasThumbnail: Number(thumbnailMade) === 1 }));
  }
}

const VIEW_COLUMNS = [
  'id',
  'name',
  'contentType',
  'size',
  'width',
  'height',
  'createdAt',
  'state',
  'failureCode',
  'storedBytes',
  'servedChunks',
  'chunkSize',
  'remoteId',
] as const;

const findUpload = preparedQuery((p: { accountId: string; id: string }) =>
  tables
    .selectFrom('Attachment')
    .select([
      'id',
      'accountId',
      'name',
      'contentType',
      'size',
      'storedBytes',
      'chunkSize',
      'fileKey',
      'state',
      'keepLocation',
      'createdAt',
    ])
    .where('id', '=', p.id)
    .where('accountId', '=', p.accountId)
    .where('messageId', 'is', null)
    .where('state', 'in', ['uploading', 'ready']),
);

const findOwned = preparedQuery((p: { accountId: string; id: string }) =>
  tables
    .selectFrom('Attachment')
    .select([...VIEW_COLUMNS, 'messageId', 'fileKey'])
    .select((eb) => eb.case().when('thumbnail', 'is not', null).then(1).else(0).end().as('thumbnailMade'))
    .where('id', '=', p.id)
    .where('accountId', '=', p.accountId),
);
