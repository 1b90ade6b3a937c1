import { createHash, randomBytes } from 'node:crypto';
import { apiPath, UPLOADS_PATH } from '@openmsg/core';
import { describe, expect, it } from 'vitest';
import { AccountsService } from '../../../src/accounts/accounts.service';
import { MaintenanceService } from '../../../src/maintenance/maintenance.service';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { InProcessNode, inProcessNodeForSuite } from '../kit/in-process-node';
import { RawTus, tusFailure, tusUpload, uploadMetadata } from './upload-kit';

const CHUNK = 262_144;
const MIB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(DATABASE_KINDS)('tus uploads (%s)', (kind) => {
  let node: InProcessNode;
  inProcessNodeForSuite(kind, 'a.test', (started) => (node = started), {
    OPENMSG_FILE_MAX_BYTES: String(MIB),
    OPENMSG_FILE_QUOTA_ACCOUNT_BYTES: String(2 * MIB),
  });

  async function download(token: string, id: string, query = '') {
    const response = await fetch(`${node.baseUrl}${apiPath('attachmentContent', { params: { id } })}${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it('stores an upload as sealed chunks, marks it ready with its SHA-256, and serves it back as a safe download', async () => {
    const ann = await node.createUser('4001', 'Ann');
    const bytes = randomBytes(2 * CHUNK + 1000);
    const id = await tusUpload(node, ann, bytes, { filename: 'Zeugnis für Ann.html', filetype: 'text/html' });
    const row = await node.db.attachment.findUnique({ where: { id } });
    expect(row).toMatchObject({
      state: 'ready',
      size: bytes.length,
      storedBytes: bytes.length,
      name: 'Zeugnis für Ann.html',
      contentType: 'text/html',
      messageId: null,
      reservedBytes: bytes.length,
      sha256: sha256(bytes),
    });
    const chunks = await node.db.attachmentChunk.findMany({ where: { attachmentId: id }, orderBy: { index: 'asc' } });
    expect(chunks.map((chunk) => chunk.data.length)).toEqual([CHUNK + 16, CHUNK + 16, 1000 + 16]);
    expect(Buffer.from(chunks[0]!.data).subarray(0, CHUNK).equals(bytes.subarray(0, CHUNK))).toBe(false);

    for (const query of ['', '?disposition=inline']) {
      const { response, bytes: served } = await download(ann.token, id, query);
      expect(response.status).toBe(200);
      expect(served.equals(bytes)).toBe(true);
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="Zeugnis f_r Ann.html"; filename*=UTF-8''Zeugnis%20f%C3%BCr%20Ann.html`,
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    }
    expect((await ann.call('storageUsage')).body).toEqual({ usedBytes: bytes.length, quotaBytes: 2 * MIB });
  });

  it('stores an empty file as one empty chunk, ready at once', async () => {
    const ann = await node.createUser('4002', 'Ann Two');
    const id = await tusUpload(node, ann, Buffer.alloc(0), { filename: 'empty.txt' });
    expect(await node.db.attachment.findUnique({ where: { id } })).toMatchObject({
      state: 'ready',
      sha256: sha256(Buffer.alloc(0)),
    });
    const { bytes } = await download(ann.token, id);
    expect(bytes.length).toBe(0);
  });

  it('resumes after a PATCH cut mid-chunk: the whole chunks before the cut are kept, the rest comes again', async () => {
    const ben = await node.createUser('4003', 'Ben');
    const raw = new RawTus(node, ben);
    const bytes = randomBytes(3 * CHUNK + 123);
    const id = await raw.created(bytes.length);
    await raw.cutPatch(id, 0, bytes, CHUNK + CHUNK / 2);
    const resumed = await eventually(async () => {
      const head = await raw.offset(id);
      return head.offset === CHUNK && head;
    });
    expect(resumed.status).toBe(200);
    expect((await raw.patch(id, 0, bytes)).status).toBe(409);
    const rest = await raw.patch(id, CHUNK, bytes.subarray(CHUNK));
    expect(rest.status).toBe(204);
    expect(rest.headers.get('upload-offset')).toBe(String(bytes.length));
    expect(await node.db.attachment.findUnique({ where: { id } })).toMatchObject({
      state: 'ready',
      sha256: sha256(bytes),
    });
    expect((await download(ben.token, id)).bytes.equals(bytes)).toBe(true);
  });

  it('answers a wrong offset 409, a PATCH ending inside a chunk 400, and changes nothing', async () => {
    const ben = await node.createUser('4004', 'Ben Two');
    const raw = new RawTus(node, ben);
    const id = await raw.created(2 * CHUNK);
    expect((await raw.patch(id, CHUNK, randomBytes(CHUNK))).status).toBe(409);
    const unaligned = await raw.patch(id, 0, randomBytes(1000));
    expect(unaligned.status).toBe(400);
    expect(await unaligned.json()).toMatchObject({ error: 'validation_failed' });
    expect(await raw.offset(id)).toEqual({ status: 200, offset: 0 });
    expect(await node.db.attachmentChunk.count({ where: { attachmentId: id } })).toBe(0);
  });

  it('refuses a file over the limit (413), a bad name (400) and an upload without auth (401), creating nothing', async () => {
    const cat = await node.createUser('4005', 'Cat');
    const raw = new RawTus(node, cat);
    const tooBig = await raw.create(MIB + 1);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: 'attachment_too_large' });
    for (const name of ['../etc/passwd', 'evil\u202egnp.exe', 'a\u0000b', '..', ''].map(String)) {
      const refused = await raw.create(10, name);
      expect({ name, status: refused.status }).toEqual({ name, status: 400 });
      expect(await refused.json()).toMatchObject({ error: 'file_name_invalid' });
    }
    const anonymous = await fetch(`${node.baseUrl}${UPLOADS_PATH}`, {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': '10',
        'upload-metadata': uploadMetadata({ filename: 'a' }),
      },
    });
    expect(anonymous.status).toBe(401);
    const account = await node.db.account.findFirstOrThrow({ where: { addressId: '4005' } });
    expect(await node.db.attachment.count({ where: { accountId: account.id } })).toBe(0);
    const failure = await tusUpload(node, cat, randomBytes(MIB + 1)).catch(tusFailure);
    expect(failure).toMatchObject({ status: 413, body: { error: 'attachment_too_large' } });
  });

  it('takes a session cookie only with its CSRF header', async () => {
    const dan = node.session();
    await dan.register('Dan', 'correct horse battery', { addressId: '4006' });
    const headers = { cookie: dan.cookieHeader(), 'tus-resumable': '1.0.0', 'upload-length': '5' };
    const create = (extra: Record<string, string>) =>
      fetch(`${node.baseUrl}${UPLOADS_PATH}`, {
        method: 'POST',
        headers: { ...headers, 'upload-metadata': uploadMetadata({ filename: 'note.txt' }), ...extra },
      });
    const forged = await create({});
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: 'csrf_failed' });
    const created = await create({ 'x-csrf-token': dan.csrfToken! });
    expect(created.status).toBe(201);
    const url = `${node.baseUrl}${created.headers.get('location')}`;
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: {
        cookie: dan.cookieHeader(),
        'x-csrf-token': dan.csrfToken!,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: Buffer.from('hello'),
    });
    expect(patch.status).toBe(204);
    const id = url.split('/').pop()!;
    expect((await dan.call('storageUsage')).body).toEqual({ usedBytes: 5, quotaBytes: 2 * MIB });
    expect(await node.db.attachment.findUnique({ where: { id } })).toMatchObject({ state: 'ready', size: 5 });
  });

  it("answers 404 for another user's upload and attachment, exactly as for an unknown id", async () => {
    const eve = await node.createUser('4007', 'Eve');
    const fay = await node.createUser('4008', 'Fay');
    const id = await tusUpload(node, eve, randomBytes(1000));
    const mallory = new RawTus(node, fay);
    expect((await mallory.offset(id)).status).toBe(404);
    expect((await mallory.patch(id, 1000, Buffer.alloc(0))).status).toBe(404);
    expect((await mallory.delete(id)).status).toBe(404);
    const stolen = await download(fay.token, id);
    const unknown = await download(fay.token, '0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10');
    expect([stolen.response.status, unknown.response.status]).toEqual([404, 404]);
    expect(stolen.bytes.toString()).toBe(unknown.bytes.toString());
    expect((await node.db.attachment.findUnique({ where: { id } }))?.state).toBe('ready');
  });

  it('cancels with DELETE: the upload, its chunks and its quota are freed', async () => {
    const gus = await node.createUser('4009', 'Gus');
    const raw = new RawTus(node, gus);
    const id = await raw.created(MIB);
    expect((await raw.patch(id, 0, randomBytes(CHUNK))).status).toBe(204);
    expect((await gus.call('storageUsage')).body.usedBytes).toBe(MIB);
    expect((await raw.delete(id)).status).toBe(204);
    expect((await gus.call('storageUsage')).body.usedBytes).toBe(0);
    expect(await node.db.attachmentChunk.count({ where: { attachmentId: id } })).toBe(0);
    expect((await raw.offset(id)).status).toBe(404);
  });

  it('holds the quota against 100 uploads sent at once by one user: exactly those that fit are stored', async () => {
    const hal = await node.createUser('4010', 'Hal');
    const size = 64 * 1024;
    const files = Array.from({ length: 100 }, () => randomBytes(size));
    const outcomes = await Promise.all(
      files.map((bytes) =>
        tusUpload(node, hal, bytes, { filename: 'burst.bin' }).then(
          (id) => ({ id, bytes }),
          (error: unknown) => tusFailure(error),
        ),
      ),
    );
    const stored = outcomes.flatMap((outcome) => ('id' in outcome ? [outcome] : []));
    const refused = outcomes.filter((outcome) => 'status' in outcome);
    expect(stored).toHaveLength((2 * MIB) / size);
    expect(refused).toHaveLength(100 - (2 * MIB) / size);
    for (const failure of refused) expect(failure).toMatchObject({ status: 413, body: { error: 'quota_full' } });
    expect((await hal.call('storageUsage')).body.usedBytes).toBe(2 * MIB);
    const account = await node.db.account.findFirstOrThrow({ where: { addressId: '4010' } });
    const rows = await node.db.attachment.findMany({ where: { accountId: account.id } });
    expect(rows.every((row) => row.state === 'ready')).toBe(true);
    for (const { id, bytes } of stored.slice(0, 3))
      expect((await download(hal.token, id)).bytes.equals(bytes)).toBe(true);
  });

  it('frees the quota when a message, a contact or the account with files is deleted', async () => {
    const ivy = await node.createUser('4011', 'Ivy');
    const jon = await node.createUser('4012', 'Jon');
    expect((await ivy.connect(jon.address, await jon.createPassCode())).status).toBe(201);
    const attachTo = async (text: string) => {
      const sent = await ivy.call('sendMessage', { body: { to: jon.address, text } });
      const id = await tusUpload(node, ivy, randomBytes(1000), { filename: `${text}.bin` });
      // What the writer does when a message is sent with files (wire's MessageWriter): the upload joins the message.
      await node.db.attachment.update({ where: { id }, data: { messageId: sent.body.id, position: 0 } });
      return { messageId: sent.body.id, attachmentId: id };
    };
    const first = await attachTo('first');
    const viewed = await ivy.call('getMessage', { params: { id: first.messageId } });
    expect(viewed.body.attachments).toEqual([
      expect.objectContaining({
        id: first.attachmentId,
        name: 'first.bin',
        state: 'ready',
        size: 1000,
        progressBytes: 0,
      }),
    ]);
    await attachTo('second');
    await attachTo('third');
    const usage = async () => (await ivy.call('storageUsage')).body.usedBytes;
    expect(await usage()).toBe(3000);

    expect((await ivy.call('deleteMessage', { params: { id: first.messageId } })).status).toBe(204);
    expect(await usage()).toBe(2000);
    expect(await node.db.attachment.count({ where: { id: first.attachmentId } })).toBe(0);

    const contact = await node.db.connection.findFirstOrThrow({ where: { account: { addressId: '4011' } } });
    expect((await ivy.call('deleteContact', { params: { id: contact.id } })).status).toBe(204);
    expect(await usage()).toBe(0);

    const nodeBytes = async () =>
      Number((await node.db.fileStorageUsage.findUnique({ where: { key: 'node' } }))?.bytes);
    const before = await nodeBytes();
    await tusUpload(node, ivy, randomBytes(500), { filename: 'unsent.bin' });
    expect(await nodeBytes()).toBe(before + 500);
    const account = await node.db.account.findFirstOrThrow({ where: { addressId: '4011' } });
    await node.app.get(AccountsService).delete(account.id);
    expect(await nodeBytes()).toBe(before);
    expect(await node.db.attachment.count({ where: { accountId: account.id } })).toBe(0);
    expect(await node.db.fileStorageUsage.count({ where: { key: `account:${account.id}` } })).toBe(0);
  });

  it('drops uploads left unsent for a week and frees their quota; a recent one stays', async () => {
    const lea = await node.createUser('4013', 'Lea');
    const raw = new RawTus(node, lea);
    const unfinished = await raw.created(2 * CHUNK);
    const finished = await tusUpload(node, lea, randomBytes(100));
    const recent = await tusUpload(node, lea, randomBytes(10));
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await node.db.attachment.updateMany({
      where: { id: { in: [unfinished, finished] } },
      data: { createdAt: weekAgo },
    });
    expect((await lea.call('storageUsage')).body.usedBytes).toBe(2 * CHUNK + 110);
    const purged = await node.app.get(MaintenanceService).purgeExpired();
    expect(purged.abandonedUploads).toBe(2);
    expect((await lea.call('storageUsage')).body.usedBytes).toBe(10);
    expect(await node.db.attachment.findUnique({ where: { id: recent } })).toMatchObject({ state: 'ready' });
  });
});
