import { Injectable } from '@nestjs/common';
import { preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { isUniqueViolation } from '../database/unique-violation';

/** Chunks read per query while streaming: 8 × 256 KiB, so a download holds about 2 MiB whatever the file's size. */
const READ_BATCH = 8;

/** The sealed chunks of attachments (AttachmentChunk rows), written one at a time, read in small batches. */
@Injectable()
export class AttachmentChunksRepository {
  constructor(private readonly db: DirectSqlService) {}

  /**
   * Stores chunk `index` and sets the attachment's storedBytes (plaintext bytes held) in the same write. False when
   * that chunk was already stored (a retried or concurrent write: nothing changed), so a resumed transfer and two
   * replicas writing the same upload can never store a chunk twice or move storedBytes past what is stored.
   */
  async appendChunk(attachmentId: string, index: number, sealed: Buffer, storedBytes: number): Promise<boolean> {
    try {
      await this.db.writeTogether([
        insertChunk.with({ attachmentId, index, data: sealed }),
        setStoredBytes.with({ attachmentId, storedBytes }),
      ]);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** The sealed chunks from `fromIndex` on, in order, read a few at a time as the consumer asks for them. */
  async *readChunks(attachmentId: string, fromIndex = 0): AsyncGenerator<{ index: number; data: Buffer }> {
    let next = fromIndex;
    for (;;) {
      const batch = await this.db.query(readBatch.with({ attachmentId, from: next }));
      for (const chunk of batch) yield chunk;
      if (batch.length < READ_BATCH) return;
      next = (batch[batch.length - 1] as { index: number }).index + 1;
    }
  }

  async countChunks(attachmentId: string): Promise<number> {
    const [row] = await this.db.query(
      tables
        .selectFrom('AttachmentChunk')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('chunks'))
        .where('attachmentId', '=', attachmentId),
    );
    return Number(row?.chunks ?? 0);
  }
}

const insertChunk = preparedQuery((p: { attachmentId: string; index: number; data: Buffer }) =>
  tables.insertInto('AttachmentChunk').values({ attachmentId: p.attachmentId, index: p.index, data: p.data }),
);

const setStoredBytes = preparedQuery((p: { attachmentId: string; storedBytes: number }) =>
  tables.updateTable('Attachment').set({ storedBytes: p.storedBytes }).where('id', '=', p.attachmentId),
);

const readBatch = preparedQuery((p: { attachmentId: string; from: number }) =>
  tables
    .selectFrom('AttachmentChunk')
    .select(['index', 'data'])
    .where('attachmentId', '=', p.attachmentId)
    .where('index', '>=', p.from)
    .orderBy('index')
    .limit(READ_BATCH),
);
