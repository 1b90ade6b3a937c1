import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccountsService } from '../../../src/accounts/accounts.service';
import { AttachmentsRepository, type NewUpload } from '../../../src/files/attachments.repository';
import { FileQuotaRepository } from '../../../src/files/file-quota.repository';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { InProcessNode, inProcessNodeForSuite } from '../kit/in-process-node';

const MIB = 1024 * 1024;

/** The quota repository on its own: reservations under a burst, and what a delete frees. */
describe.each(DATABASE_KINDS)('file quotas (%s)', (kind) => {
  let node: InProcessNode;
  inProcessNodeForSuite(kind, 'a.test', (started) => (node = started), {
    OPENMSG_FILE_QUOTA_ACCOUNT_BYTES: String(10 * MIB),
    OPENMSG_FILE_QUOTA_NODE_BYTES: String(25 * MIB),
  });

  async function account(addressId: string): Promise<string> {
    const created = await node.app.get(AccountsService).create({
      addressId,
      displayName: `User ${addressId}`,
      allowReplies: true,
      passwordHash: null,
    });
    return created.id;
  }

  function upload(accountId: string, size: number): NewUpload {
    return {
      id: randomUUID(),
      accountId,
      name: 'a.bin',
      contentType: 'application/octet-stream',
      size,
      fileKey: '00'.repeat(32),
      chunkSize: 262_144,
      keepLocation: false,
      createdAt: new Date(),
    };
  }

  it('lets 100 uploads created at once by one user take exactly what the quota holds', async () => {
    const ann = await account('3001');
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () => node.app.get(AttachmentsRepository).createUpload(upload(ann, MIB))),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome === 'quota_full')).toHaveLength(90);
    expect(await node.app.get(FileQuotaRepository).usedBytes(ann)).toBe(10 * MIB);
    expect(await node.db.attachment.count({ where: { accountId: ann } })).toBe(10);
  });

  it('refuses with node_storage_full when the node has no room, and frees what a cancelled upload held', async () => {
    const ben = await account('3002');
    const cid = await account('3003');
    const uploads = node.app.get(AttachmentsRepository);
    // 10 MiB of the node's 25 are held by the test above.
    const bens = [upload(ben, 8 * MIB), upload(ben, 2 * MIB)];
    for (const made of bens) expect(await uploads.createUpload(made)).toBe('ok');
    expect(await uploads.createUpload(upload(cid, 6 * MIB))).toBe('node_storage_full');
    expect(await uploads.createUpload(upload(cid, 5 * MIB))).toBe('ok');
    expect(await uploads.deleteUpload(ben, bens[0]!.id)).toBe(true);
    expect(await uploads.deleteUpload(ben, bens[0]!.id)).toBe(false);
    expect(await node.app.get(FileQuotaRepository).usedBytes(ben)).toBe(2 * MIB);
    expect(await uploads.createUpload(upload(cid, 5 * MIB))).toBe('ok');
    const node_ = await node.db.fileStorageUsage.findUnique({ where: { key: 'node' } });
    expect(Number(node_?.bytes)).toBe(22 * MIB);
  });

  it('reserves for a received file once, whatever retries do', async () => {
    const dan = await account('3004');
    const row = upload(dan, 3 * MIB);
    await node.db.attachment.create({ data: { ...row, state: 'fetching', remoteId: 'f1' } });
    const quota = node.app.get(FileQuotaRepository);
    const twice = await Promise.all([quota.reserveFor(dan, row.id, row.size), quota.reserveFor(dan, row.id, row.size)]);
    expect(twice).toEqual(['ok', 'ok']);
    expect(await quota.usedBytes(dan)).toBe(3 * MIB);
    expect((await node.db.attachment.findUnique({ where: { id: row.id } }))?.reservedBytes).toBe(3 * MIB);
  });
});
