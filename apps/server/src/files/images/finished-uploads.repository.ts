import { Injectable } from '@nestjs/common';
import { preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../../database/direct-sql.service';
import { resizeReservation } from '../file-quota.repository';

/** A preview made on this node: WebP sealed with the file's key (sealThumbnail), and the image's size as shown. */
export interface SealedPreview {
  thumbnail: Buffer;
  width: number;
  height: number;
}

/** An upload whose every byte is stored, as its finishing pass reads it. */
export type UploadToFinish = NonNullable<Awaited<ReturnType<FinishedUploadsRepository['findWhole']>>>;

/** The last writes of an upload: `ready` with its hash and preview, and for an image stripped of location, its new chunks. */
@Injectable()
export class FinishedUploadsRepository {
  constructor(private readonly db: DirectSqlService) {}

  /** The upload if it is still uploading with every byte stored. */
  async findWhole(id: string) {
    const [row] = await this.db.query(findWhole.with({ id }));
    return row ?? null;
  }

  /** A received file, whole and verified, that has no preview yet. */
  async findReceivedWithoutPreview(id: string) {
    const [row] = await this.db.query(
      tables
        .selectFrom('Attachment')
        .select(['id', 'fileKey', 'size', 'chunkSize'])
        .where('id', '=', id)
        .where('state', '=', 'stored')
        .where('thumbnail', 'is', null),
    );
    return row ?? null;
  }

  async setPreview(id: string, preview: SealedPreview): Promise<void> {
    await this.db.execute(
      tables.updateTable('Attachment').set(preview).where('id', '=', id).where('state', '=', 'stored'),
    );
  }

  /** Ready, as stored. False when it was not (any more) uploading: finished elsewhere, or cancelled. */
  async markReady(id: string, sha256: string, preview: SealedPreview | null, at: Date): Promise<boolean> {
    const changed = await this.db.execute(
      tables
        .updateTable('Attachment')
        .set({ state: 'ready', sha256, completedAt: at, ...(preview ?? {}) })
        .where('id', '=', id)
        .where('state', '=', 'uploading')
        .whereRef('storedBytes', '=', 'size'),
    );
    return changed === 1;
  }

  /**
   * Ready with other bytes: the chunks replaced by `chunks` (sealed under `fileKey`, a fresh key: the old one sealed
   * other text under the same nonces), size, hash, preview and the quota's reservation with them, in one transaction.
   * False when the upload was not (any more) uploading: then the first statement changes nothing, the old chunks stay,
   * and the new chunk 0 collides with the old one, which rolls the whole transaction back.
   */
  async replaceAndMarkReady(
    upload: { id: string; accountId: string },
    replacement: { fileKey: string; size: number; sha256: string; chunks: Buffer[]; preview: SealedPreview | null },
    at: Date,
  ): Promise<boolean> {
    const { id } = upload;
    const { fileKey, size, chunks } = replacement;
    try {
      const [changed] = await this.db.transaction([
        tables
          .updateTable('Attachment')
          .set({
            state: 'ready',
            fileKey,
            size,
            storedBytes: size,
            sha256: replacement.sha256,
            completedAt: at,
            ...(replacement.preview ?? { thumbnail: null, width: null, height: null }),
          })
          .where('id', '=', id)
          .where('state', '=', 'uploading')
          .whereRef('storedBytes', '=', 'size'),
        tables
          .deleteFrom('AttachmentChunk')
          .where('attachmentId', '=', id)
          .where((eb) =>
            eb.exists(eb.selectFrom('Attachment').select('id').where('id', '=', id).where('fileKey', '=', fileKey)),
          ),
        ...chunks.map((data, index) => tables.insertInto('AttachmentChunk').values({ attachmentId: id, index, data })),
        ...resizeReservation(upload.accountId, id, fileKey, size),
      ]);
      return changed === 1;
    } catch (error) {
      // Cancelled meanwhile (the row and its chunks gone) or finished by another pass: nothing was written.
      if (!(await this.findWhole(id))) return false;
      throw error;
    }
  }
}

const findWhole = preparedQuery((p: { id: string }) =>
  tables
    .selectFrom('Attachment')
    .select(['id', 'accountId', 'fileKey', 'size', 'chunkSize', 'keepLocation'])
    .where('id', '=', p.id)
    .where('state', '=', 'uploading')
    .whereRef('storedBytes', '=', 'size'),
);
