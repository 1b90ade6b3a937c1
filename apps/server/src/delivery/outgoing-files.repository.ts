import { Injectable } from '@nestjs/common';
import { preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';

const FILE_TO_SEND = ['id', 'name', 'contentType', 'size', 'sha256', 'fileKey', 'chunkSize'] as const;

/** A file as a message carries it: what its manifest entry or its link line says (the key still as stored). */
export type OutgoingFile = {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string | null;
  fileKey: string;
  chunkSize: number;
};

const filesOfMessage = preparedQuery((p: { messageId: string }) =>
  tables.selectFrom('Attachment').select(FILE_TO_SEND).where('messageId', '=', p.messageId).orderBy('position'),
);

/** The files a message sends: ready uploads before it is written, its attachments once it is. */
@Injectable()
export class OutgoingFilesRepository {
  constructor(private readonly db: DirectSqlService) {}

  /** The account's finished uploads among `ids` not yet sent with a message (fewer than asked: some are not ready). */
  uploadsToAttach(accountId: string, ids: readonly string[]): Promise<OutgoingFile[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.query(
      tables
        .selectFrom('Attachment')
        .select(FILE_TO_SEND)
        .where('accountId', '=', accountId)
        .where('id', 'in', [...ids])
        .where('messageId', 'is', null)
        .where('state', '=', 'ready'),
    );
  }

  filesOf(messageId: string): Promise<OutgoingFile[]> {
    return this.db.query(filesOfMessage.with({ messageId }));
  }
}
