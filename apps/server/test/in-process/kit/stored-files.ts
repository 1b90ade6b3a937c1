import { createHash } from 'node:crypto';
import { FileQuotaRepository } from '../../../src/files/file-quota.repository';
import { FILE_CHUNK_SIZE, chunkCount, newFileKey, openChunk, sealChunk } from '../../../src/files/file-cipher';
import { NodeKeysService } from '../../../src/node-keys/node-keys.service';
import type { InProcessNode } from './in-process-node';

/**
 * A file written straight into a node's database as the node stores one (sealed chunks under a fresh key, the key
 * sealed with the node key): for arranging files on messages the test made, whatever path brought them.
 */
export async function storeFile(
  node: InProcessNode,
  file: {
    accountId: string;
    messageId: string | null;
    name: string;
    bytes: Buffer;
    contentType?: string;
    state?: string;
    position?: number;
    keepLocation?: boolean;
    /** Reserve its bytes against the quotas, as an upload's creation does. */
    reserve?: boolean;
  },
): Promise<string> {
  const key = newFileKey();
  const count = chunkCount(file.bytes.length, FILE_CHUNK_SIZE);
  const attachment = await node.db.attachment.create({
    data: {
      accountId: file.accountId,
      messageId: file.messageId,
      position: file.position ?? 0,
      name: file.name,
      contentType: file.contentType ?? 'application/octet-stream',
      size: file.bytes.length,
      storedBytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      fileKey: node.app.get(NodeKeysService).sealSecret(key.toString('hex')),
      chunkSize: FILE_CHUNK_SIZE,
      state: file.state ?? 'ready',
      keepLocation: file.keepLocation ?? false,
    },
  });
  await node.db.attachmentChunk.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      attachmentId: attachment.id,
      index,
      data: new Uint8Array(
        sealChunk(
          key,
          index,
          index === count - 1,
          file.bytes.subarray(index * FILE_CHUNK_SIZE, (index + 1) * FILE_CHUNK_SIZE),
        ),
      ),
    })),
  });
  if (file.reserve) {
    const outcome = await node.app
      .get(FileQuotaRepository)
      .reserveFor(file.accountId, attachment.id, file.bytes.length);
    if (outcome !== 'ok') throw new Error(`no room for the test's file: ${outcome}`);
  }
  return attachment.id;
}

/** A stored file's plaintext, read back from its chunks (for checking what the node wrote). */
export async function readStoredFile(node: InProcessNode, attachmentId: string): Promise<Buffer> {
  const attachment = await node.db.attachment.findUniqueOrThrow({ where: { id: attachmentId } });
  const key = Buffer.from(node.app.get(NodeKeysService).openSecret(attachment.fileKey), 'hex');
  const chunks = await node.db.attachmentChunk.findMany({ where: { attachmentId }, orderBy: { index: 'asc' } });
  return Buffer.concat(
    chunks.map((chunk, index) => {
      const plain = openChunk(key, index, index === chunks.length - 1, Buffer.from(chunk.data));
      if (!plain) throw new Error(`chunk ${index} of ${attachmentId} does not open`);
      return plain;
    }),
  );
}
