import { Injectable } from '@nestjs/common';
import { preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';

export interface NewFileLink {
  tokenHash: string;
  /** Sealed with the node key when one is configured. */
  token: string;
  attachmentId: string;
  expiresAt: Date;
  createdAt: Date;
}

/** Download links to files sent to nodes without files-1 (FileLink rows, docs/extensions/files.md §6). */
@Injectable()
export class FileLinksRepository {
  constructor(private readonly db: DirectSqlService) {}

  /** The files of a message in the order the sender gave them, each with its link (token null when it has none). */
  filesOfMessage(messageId: string) {
    return this.db.query(filesOfMessage.with({ messageId }));
  }

  /** Stores the links of files that have none; a file given one meanwhile (a concurrent call) keeps that one. */
  async insertMissing(links: NewFileLink[]): Promise<void> {
    if (links.length === 0) return;
    await this.db.execute(
      tables
        .insertInto('FileLink')
        .values(links)
        .onConflict((conflict) => conflict.column('attachmentId').doNothing()),
    );
  }

  /**
   * The link with this token hash, its file and its sender, while the file is still held by a message of an
   * account in use; null otherwise (deleting the message deletes its files and so their links).
   */
  async findShared(tokenHash: string) {
    const [row] = await this.db.query(sharedFile.with({ tokenHash }));
    return row ?? null;
  }

  /** Deletes the links that stopped working before `before`; how many. */
  purgeExpiredBefore(before: Date): Promise<number> {
    return this.db.execute(tables.deleteFrom('FileLink').where('expiresAt', '<', before));
  }
}

const filesOfMessage = preparedQuery((p: { messageId: string }) =>
  tables
    .selectFrom('Attachment')
    .leftJoin('FileLink', 'FileLink.attachmentId', 'Attachment.id')
    .select([
      'Attachment.id',
      'Attachment.name',
      'Attachment.size',
      'Attachment.contentType',
      'FileLink.token',
      'FileLink.expiresAt',
    ])
    .where('Attachment.messageId', '=', p.messageId)
    .orderBy('Attachment.position')
    .orderBy('Attachment.id'),
);

const sharedFile = preparedQuery((p: { tokenHash: string }) =>
  tables
    .selectFrom('FileLink')
    .innerJoin('Attachment', 'Attachment.id', 'FileLink.attachmentId')
    .innerJoin('Message', 'Message.id', 'Attachment.messageId')
    .innerJoin('Account', 'Account.id', 'Attachment.accountId')
    .select([
      'FileLink.expiresAt',
      'Attachment.id as attachmentId',
      'Attachment.name',
      'Attachment.contentType',
      'Attachment.size',
      'Attachment.storedBytes',
      'Attachment.chunkSize',
      'Attachment.fileKey',
      'Account.addressId',
      'Account.displayName',
    ])
    .where('FileLink.tokenHash', '=', p.tokenHash)
    .where('Message.direction', '=', 'out')
    .where('Account.disabledAt', 'is', null)
    .where('Account.deletedAt', 'is', null),
);
