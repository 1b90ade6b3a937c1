import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../peer-kit/api-client';
import { InProcessNode } from '../kit/in-process-node';
import { RawTus } from './upload-kit';

const CHUNK = 262_144;

/**
 * Two replicas of one node on one PostgreSQL database (SQLite is one process by design): an upload started on one
 * is resumed on the other, since its offset and chunks live in the database, not in a replica's memory.
 */
describe('an upload across replicas (postgresql)', () => {
  let first: InProcessNode;
  let second: InProcessNode;

  beforeAll(async () => {
    first = await InProcessNode.start('postgresql', 'a.test');
    second = await InProcessNode.start('postgresql', 'a.test', {}, undefined, () => first.testDatabase.url);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('resumes on the second replica where the first stopped, and either serves the whole file', async () => {
    const onFirst = await first.createUser('5001', 'Kim');
    const onSecond = new ApiClient(second.baseUrl, onFirst.token, onFirst.address);
    const bytes = randomBytes(3 * CHUNK + 7);
    const viaFirst = new RawTus(first, onFirst);
    const viaSecond = new RawTus(second, onSecond);

    const id = await viaFirst.created(bytes.length);
    expect((await viaFirst.patch(id, 0, bytes.subarray(0, 2 * CHUNK))).status).toBe(204);
    expect(await viaSecond.offset(id)).toEqual({ status: 200, offset: 2 * CHUNK });
    // The same bytes sent to both at once: one stores them, the other is told the offset moved.
    const racing = await Promise.all([
      viaFirst.patch(id, 2 * CHUNK, bytes.subarray(2 * CHUNK)),
      viaSecond.patch(id, 2 * CHUNK, bytes.subarray(2 * CHUNK)),
    ]);
    expect(racing.map((response) => response.status).sort()).toEqual([204, 409]);
    const row = await first.db.attachment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ state: 'ready', storedBytes: bytes.length });
    expect(row.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await first.db.attachmentChunk.count({ where: { attachmentId: id } })).toBe(4);
    for (const node of [first, second]) {
      const response = await fetch(`${node.baseUrl}/api/v1/attachments/${id}/content`, {
        headers: { authorization: `Bearer ${onFirst.token}` },
      });
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });
});
