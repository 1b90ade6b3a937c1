import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/**
 * STAND-IN (branch fetch) with the plan's signatures, until helper "store"'s repository lands on main; replaced by
 * theirs at the merge.
 */
@Injectable()
export class AttachmentChunksRepository {
  constructor(private readonly prisma: PrismaService) {}

  async appendChunk(attachmentId: string, index: number, sealed: Buffer, storedBytes: number): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.attachmentChunk.upsert({
        where: { attachmentId_index: { attachmentId, index } },
        create: { attachmentId, index, data: new Uint8Array(sealed) },
        update: {},
      }),
      this.prisma.attachment.update({ where: { id: attachmentId }, data: { storedBytes } }),
    ]);
  }

  async *readChunks(attachmentId: string, fromIndex: number): AsyncIterable<{ index: number; data: Buffer }> {
    let next = fromIndex;
    for (;;) {
      const rows = await this.prisma.attachmentChunk.findMany({
        where: { attachmentId, index: { gte: next } },
        orderBy: { index: 'asc' },
        take: 4,
      });
      if (rows.length === 0) return;
      for (const row of rows) yield { index: row.index, data: Buffer.from(row.data) };
      next = (rows[rows.length - 1]?.index ?? next) + 1;
    }
  }

  countChunks(attachmentId: string): Promise<number> {
    return this.prisma.attachmentChunk.count({ where: { attachmentId } });
  }
}
