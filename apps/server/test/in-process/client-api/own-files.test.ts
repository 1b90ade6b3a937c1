import { apiPath, type DataExport, generateSecretHex } from '@openmsg/core';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';
import { storeFile } from '../kit/stored-files';

const PASSWORD = 'correct horse battery';

/** Every entry of a zip, name → bytes (the test's zip is small; the node's is streamed). */
async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    archive.on('error', reject);
    archive.on('end', resolve);
    archive.on('entry', (entry: yauzl.Entry) => {
      archive.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const parts: Buffer[] = [];
        stream.on('data', (part: Buffer) => parts.push(part));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(parts));
          archive.readEntry();
        });
      });
    });
    archive.readEntry();
  });
  return entries;
}

/** The files in a user's own data: GET /api/v1/me/export.zip (the JSON and every file, opened), and search by file name. */
describe.each(DATABASE_KINDS)('own files (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let ann: SessionClient;
  let eve: SessionClient;
  const photo = randomBytes(600_000); // three chunks
  const report = Buffer.from('%PDF-1.7 first report');
  const report2 = Buffer.from('%PDF-1.7 second report, same name');
  const cv = Buffer.from('%PDF-1.7 curriculum');
  let sentId: string;
  let secondId: string;
  let receivedId: string;

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind, { a: { OPENMSG_NODE_KEY: generateSecretHex() } }));
    ann = a.session();
    eve = a.session();
    const zoe = b.session();
    await ann.register('Ann Zip', PASSWORD, { addressId: '500' });
    await eve.register('Eve Other', PASSWORD, { addressId: '501' });
    await zoe.register('Zoe Zip', PASSWORD, { addressId: '600' });
    const code = (await zoe.call('createPassCode', { body: {} })).body.code as string;
    expect((await ann.call('connect', { body: { address: '600*b.test', passCode: code } })).status).toBe(201);
    sentId = (await ann.call('sendMessage', { body: { to: '600*b.test', text: 'the photo' } })).body.id;
    secondId = (await ann.call('sendMessage', { body: { to: '600*b.test', text: 'two reports' } })).body.id;
    expect((await zoe.call('sendMessage', { body: { to: '500*a.test', text: 'coming' } })).status).toBe(201);
    const annAccount = await a.db.account.findFirstOrThrow({ where: { addressId: '500' } });
    const eveAccount = await a.db.account.findFirstOrThrow({ where: { addressId: '501' } });
    await eventually(async () => (await a.db.message.count({ where: { accountId: annAccount.id } })) === 3);
    receivedId = (await a.db.message.findFirstOrThrow({ where: { accountId: annAccount.id, direction: 'in' } })).id;

    const accountId = annAccount.id;
    await storeFile(a, { accountId, messageId: sentId, name: 'holiday.jpg', bytes: photo, state: 'delivered' });
    await storeFile(a, { accountId, messageId: secondId, name: 'Report.pdf', bytes: report, position: 0 });
    await storeFile(a, { accountId, messageId: secondId, name: 'report.pdf', bytes: report2, position: 1 });
    await storeFile(a, { accountId, messageId: secondId, name: 'a:b<c>.txt', bytes: Buffer.alloc(0), position: 2 });
    // Not whole here: an incoming file still being fetched, and an upload not sent yet.
    await storeFile(a, { accountId, messageId: receivedId, name: 'later.bin', bytes: report, state: 'fetching' });
    await storeFile(a, {
      accountId,
      messageId: receivedId,
      name: 'Résumé Zoë.pdf',
      bytes: cv,
      state: 'stored',
      position: 1,
    });
    await storeFile(a, { accountId, messageId: null, name: 'draft.txt', bytes: report, state: 'ready' });
    // Someone else's file.
    const eveMessage = await a.db.message.create({
      data: { accountId: eveAccount.id, direction: 'out', otherAddress: 'x*b.test', body: 'hers', state: 'delivered' },
    });
    await storeFile(a, { accountId: eveAccount.id, messageId: eveMessage.id, name: 'eve.txt', bytes: report });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('holds the JSON of the export, naming each file, and the files byte for byte', async () => {
    const response = await a.fetch(apiPath('exportMyDataZip'), { headers: { cookie: ann.cookieHeader() } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="openmsg-export-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    const names = [...entries.keys()];
    expect(names[0]).toMatch(/^openmsg-export-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(entries.get(names[0]!)!.toString('utf8')) as DataExport;

    // The same JSON as GET /me/export, plus the files.
    const plain = JSON.parse(
      await (await a.fetch(apiPath('exportMyData'), { headers: { cookie: ann.cookieHeader() } })).text(),
    ) as DataExport;
    const { files, ...rest } = data;
    expect({ ...rest, exportedAt: plain.exportedAt }).toEqual(plain);
    expect(data.messages.map((message) => message.text)).toEqual(['the photo', 'two reports', 'coming']);
    expect(data.messages.map((message) => message.id)).toEqual([sentId, secondId, receivedId]);

    const expected = new Map<string, Buffer>([
      [`files/${sentId}/holiday.jpg`, photo],
      [`files/${secondId}/Report.pdf`, report],
      [`files/${secondId}/report (2).pdf`, report2],
      [`files/${secondId}/a_b_c_.txt`, Buffer.alloc(0)],
      [`files/${receivedId}/Résumé Zoë.pdf`, cv],
    ]);
    expect(files?.map((file) => file.path).sort()).toEqual([...expected.keys()].sort());
    const byMessage = files!.map((file) => file.messageId);
    expect([...byMessage].sort()).toEqual(byMessage); // the files of one message together
    for (const file of files ?? []) {
      const bytes = entries.get(file.path);
      expect(bytes?.equals(expected.get(file.path)!)).toBe(true);
      expect(file.sha256).toBe(createHash('sha256').update(bytes!).digest('hex'));
      expect(file.size).toBe(bytes!.length);
    }
    expect(names.slice(1).sort()).toEqual([...expected.keys()].sort());
  });

  it('gives another user only their own files, and nobody signed out anything', async () => {
    const response = await a.fetch(apiPath('exportMyDataZip'), { headers: { cookie: eve.cookieHeader() } });
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    expect([...entries.keys()].filter((name) => name.startsWith('files/'))).toEqual([
      expect.stringMatching(/^files\/[^/]+\/eve\.txt$/),
    ]);
    expect((await a.fetch(apiPath('exportMyDataZip'))).status).toBe(401);
  });

  it('names files past a page of the listing, numbering the same name on one message', async () => {
    const cat = a.session();
    await cat.register('Cat Many', PASSWORD, { addressId: '502' });
    const account = await a.db.account.findFirstOrThrow({ where: { addressId: '502' } });
    const message = await a.db.message.create({
      data: { accountId: account.id, direction: 'out', otherAddress: 'x*b.test', body: 'many', state: 'delivered' },
    });
    const count = 130; // more than one page of the listing (100)
    for (let i = 0; i < count; i++)
      await storeFile(a, {
        accountId: account.id,
        messageId: message.id,
        name: 'same.txt',
        bytes: Buffer.from(`copy ${i}`),
        position: i,
      });
    const response = await a.fetch(apiPath('exportMyDataZip'), { headers: { cookie: cat.cookieHeader() } });
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    const json = [...entries.entries()].find(([name]) => name.endsWith('.json'))![1];
    const files = (JSON.parse(json.toString('utf8')) as DataExport).files!;
    expect(files).toHaveLength(count);
    expect(files[0]!.path).toBe(`files/${message.id}/same.txt`);
    expect(files[count - 1]!.path).toBe(`files/${message.id}/same (${count}).txt`);
    expect(new Set(files.map((file) => file.path)).size).toBe(count);
    for (const file of files) expect(entries.get(file.path)?.length).toBe(file.size);
  });

  describe('search', () => {
    it('finds messages by the names of their files, case and accents ignored', async () => {
      const texts = async (q: string) =>
        (await ann.call('searchMessages', { query: { q } })).body.items.map(
          (message: { text: string }) => message.text,
        );
      expect(await texts('HOLIDAY.JPG')).toEqual(['the photo']);
      expect(await texts('resume zoe')).toEqual(['coming']);
      expect(await texts('report')).toEqual(['two reports']); // once, though two files match
      expect(await texts('photo')).toEqual(['the photo']); // the text still counts
      expect(await texts('.pdf')).toEqual(['coming', 'two reports']);
      expect(await texts('no such file')).toEqual([]);
      // Another user's file names find nothing here.
      expect(await texts('eve.txt')).toEqual([]);
    });
  });
});
