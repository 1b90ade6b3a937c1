import { createHash, randomBytes } from 'node:crypto';
import { UPLOADS_PATH } from '@openmsg/core';
import * as tus from 'tus-js-client';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { InProcessNode, inProcessNodeForSuite } from '../kit/in-process-node';

const CHUNK = 262_144;

/** Uploads a file with the real tus client over loopback HTTP; resolves to the attachment id (the upload URL's last segment). */
function tusUpload(
  node: InProcessNode,
  user: ApiClient,
  bytes: Buffer,
  metadata: Record<string, string> = { filename: 'photo.jpg', filetype: 'image/jpeg' },
  options: Partial<tus.UploadOptions> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      endpoint: `${node.baseUrl}${UPLOADS_PATH}`,
      headers: { authorization: `Bearer ${user.token}` },
      metadata,
      retryDelays: null,
      ...options,
      onError: reject,
      onSuccess: () => resolve(upload.url!.split('/').pop()!),
    });
    upload.start();
  });
}

describe.each(DATABASE_KINDS)('tus uploads (%s)', (kind) => {
  let node: InProcessNode;
  inProcessNodeForSuite(kind, 'a.test', (started) => (node = started));

  it('stores an upload as sealed chunks and marks it ready with the SHA-256 of its bytes', async () => {
    const ann = await node.createUser('4001', 'Ann');
    const bytes = randomBytes(2 * CHUNK + 1000);
    const id = await tusUpload(node, ann, bytes);
    const row = await node.db.attachment.findUnique({ where: { id } });
    expect(row).toMatchObject({
      state: 'ready',
      size: bytes.length,
      storedBytes: bytes.length,
      name: 'photo.jpg',
      contentType: 'image/jpeg',
      messageId: null,
      reservedBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const chunks = await node.db.attachmentChunk.findMany({ where: { attachmentId: id }, orderBy: { index: 'asc' } });
    expect(chunks.map((chunk) => chunk.data.length)).toEqual([CHUNK + 16, CHUNK + 16, 1000 + 16]);
    expect(Buffer.from(chunks[0]!.data).subarray(0, 64).equals(bytes.subarray(0, 64))).toBe(false);
  });
});
