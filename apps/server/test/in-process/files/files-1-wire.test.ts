import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES_1, parseAnnouncement } from '@openmsg/core';
import { ConnectionsRepository } from '../../../src/connections/connections.repository';
import { EventBus, type NodeEvent } from '../../../src/events/event-bus';
import { FileQuotaRepository } from '../../../src/files/file-quota.repository';
import { MessageWriter } from '../../../src/messages/message-writer.service';
import { NodeKeysService } from '../../../src/node-keys/node-keys.service';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS, eventually, freePort } from '../../peer-kit/nodes';
import { post, type Secrets, StandInNode } from '../../peer-kit/stand-in-node';
import { InProcessNode, startInProcessPair } from '../kit/in-process-node';
import {
  AnswerLosingProxy,
  manifestFile,
  oneFileManifest,
  openedText,
  readyUpload,
  withFiles,
} from './files-1-wire-kit';

const V1_FIELDS = [
  'receiving_openmsg_address_id',
  'sending_openmsg_address_name',
  'ident_code',
  'message_package',
  'message_hash',
  'message_salt',
  'message_timestamp',
  'openmsg_version',
  'verified_account',
];
const V1_PATHS = ['/openmsg/auth', '/openmsg/auth-confirm', '/openmsg/message-receive', '/openmsg/message-confirm'];
const FILES_1_ANNOUNCED = { files1: { maxFileBytes: 104_857_600, maxTextChars: 64_000, maxFiles: 10 } };

async function recorded(node: InProcessNode, domain: string) {
  const row = await node.db.peerExtensions.findUnique({ where: { domain } });
  return row && { ...parseAnnouncement({ openmsg_extensions: JSON.parse(row.extensions) }), seenAt: row.seenAt };
}

/** A letter of `paragraphs` paragraphs of about 1000 characters each. */
function letter(paragraphs: number): string {
  return Array.from({ length: paragraphs }, (_, p) =>
    Array.from({ length: 20 }, (_, s) => `Paragraph ${p + 1}, sentence ${s + 1} says something.`).join(' '),
  ).join('\n\n');
}

describe.each(DATABASE_KINDS)('files-1 between two nodes of ours (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let alice: ApiClient;
  let bob: ApiClient;
  const events: NodeEvent[] = [];

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind));
    alice = await a.createUser('100', 'Alice');
    bob = await b.createUser('200', 'Bob');
    b.app.get(EventBus).subscribe((event) => void events.push(event));
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('each node learns the other one during the handshake (auth and auth-confirm answers), and shows it on the contact', async () => {
    expect(await recorded(a, 'b.test')).toMatchObject(FILES_1_ANNOUNCED);
    expect(await recorded(b, 'a.test')).toMatchObject(FILES_1_ANNOUNCED);
    const { body } = await alice.call('listContacts');
    expect(body.items[0]?.peer).toEqual({ files: true, maxTextChars: 64_000, maxFileBytes: 104_857_600 });
    const bobsSide = await bob.call('listContacts');
    expect(bobsSide.body.items[0]?.peer).toMatchObject({ files: true });
  });

  it('a message with files carries a manifest the receiver stores as fetching rows, with the message', async () => {
    const content = Buffer.alloc(300_000, 7);
    const upload = await readyUpload(a, '100', content, 'report.pdf', 'application/pdf');
    const sent = await alice.call('sendMessage', { body: { to: bob.address, text: '', attachments: [upload.id] } });
    expect(sent.status).toBe(201);
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');

    const rows = await b.db.attachment.findMany({ where: { remoteId: upload.id } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      name: 'report.pdf',
      contentType: 'application/pdf',
      size: 300_000,
      sha256: upload.sha256,
      chunkSize: 262_144,
      position: 0,
    });
    // Written as fetching; the fetch worker may already have taken it (file-transfer's tests follow it from there).
    expect(['fetching', 'stored']).toContain(row.state);
    expect(b.app.get(NodeKeysService).openSecret(row.fileKey)).toBe(upload.keyHex);
    const message = await b.db.message.findUniqueOrThrow({ where: { id: row.messageId! } });
    expect(message).toMatchObject({ direction: 'in', body: '', accountId: row.accountId });
    expect(events).toContainEqual({ type: 'attachments.fetch-due', messageId: message.id });
    // The sender's upload went with the message: no longer an unsent upload.
    const sendersCopy = await a.db.attachment.findUniqueOrThrow({ where: { id: upload.id } });
    expect(sendersCopy.messageId).toBe(sent.body.id);
    expect(['ready', 'delivered']).toContain(sendersCopy.state);
  });

  it('to a user of the same node: the same manifest through the in-process path, the receiver holding its own rows', async () => {
    const dave = await a.createUser('102', 'Dave');
    expect((await alice.connect(dave.address, await dave.createPassCode())).status).toBe(201);
    expect((await alice.call('listContacts')).body.items.find((c) => c.address === dave.address)?.peer).toEqual({
      files: true,
      maxTextChars: 64_000,
      maxFileBytes: 104_857_600,
    });
    const upload = await readyUpload(a, '100', Buffer.from('same node file'), 'same.txt', 'text/plain');
    const sent = await alice.call('sendMessage', {
      body: { to: dave.address, text: 'here', attachments: [upload.id] },
    });
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    const davesAccount = await a.db.account.findUniqueOrThrow({ where: { addressId: '102' } });
    const rows = await a.db.attachment.findMany({ where: { accountId: davesAccount.id } });
    expect(rows.map((row) => [row.remoteId, row.name])).toEqual([[upload.id, 'same.txt']]);
    expect(['fetching', 'stored']).toContain(rows[0]!.state);
    expect(rows[0]!.id).not.toBe(upload.id);
  });

  it('an upload goes with one message only: of 10 sends at once with it, one is written, the others write nothing', async () => {
    const upload = await readyUpload(a, '100', Buffer.from('one file, ten sends'), 'notes.txt', 'text/plain');
    const before = await a.db.message.count();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        alice.call('sendMessage', { body: { to: bob.address, text: `try ${i}`, attachments: [upload.id] } }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused).toHaveLength(9);
    for (const answer of refused) expect(answer.body).toMatchObject({ error: 'attachment_not_ready' });
    expect(await a.db.message.count()).toBe(before + 1);
  });

  it('the write itself takes all the uploads or none: one no longer ready undoes the message (no pre-check)', async () => {
    const ready = await readyUpload(a, '100', Buffer.from('ready'));
    const taken = await readyUpload(a, '100', Buffer.from('taken meanwhile'));
    await a.db.attachment.update({ where: { id: taken.id }, data: { state: 'uploading' } });
    const account = await a.db.account.findUniqueOrThrow({ where: { addressId: '100' } });
    const connection = await a.app.get(ConnectionsRepository).find(account.id, bob.address);
    const before = await a.db.message.count();
    await expect(
      a.app.get(MessageWriter).writeOutgoing(account.id, connection!, 'both files', [ready.id, taken.id]),
    ).rejects.toMatchObject({ code: 'attachment_not_ready' });
    expect(await a.db.message.count()).toBe(before);
    expect(await a.db.attachment.findUniqueOrThrow({ where: { id: ready.id } })).toMatchObject({ messageId: null });
  });

  it('deleting a sent message frees the quota its files held, in the same write', async () => {
    const upload = await readyUpload(a, '100', Buffer.alloc(5000, 1));
    const account = await a.db.account.findUniqueOrThrow({ where: { addressId: '100' } });
    const quota = a.app.get(FileQuotaRepository);
    expect(await quota.reserveFor(account.id, upload.id, 5000)).toBe('ok');
    const held = await quota.usedBytes(account.id);
    const sent = await alice.call('sendMessage', {
      body: { to: bob.address, text: 'with a file', attachments: [upload.id] },
    });
    await alice.waitForState(sent.body.id, ['delivered', 'failed']);
    expect((await alice.call('deleteMessage', { params: { id: sent.body.id } })).status).toBe(204);
    expect(await quota.usedBytes(account.id)).toBe(held - 5000);
    expect(await a.db.attachment.findUnique({ where: { id: upload.id } })).toBeNull();
  });

  it('refuses ids that are not ready uploads of the account, an empty text without files, and too many files', async () => {
    const someoneElse = await a.createUser('101', 'Carol');
    const carols = await readyUpload(a, '101', Buffer.from('not yours'));
    const before = await a.db.message.count();
    const theirs = await alice.call('sendMessage', { body: { to: bob.address, text: 'x', attachments: [carols.id] } });
    expect(theirs.body).toMatchObject({ error: 'attachment_not_ready' });
    const unknown = await alice.call('sendMessage', {
      body: { to: bob.address, text: 'x', attachments: ['0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10'] },
    });
    expect(unknown.body).toMatchObject({ error: 'attachment_not_ready' });
    const empty = await alice.call('sendMessage', { body: { to: bob.address, text: '  ' } });
    expect(empty.body).toMatchObject({ error: 'empty_message' });
    const eleven = Array.from({ length: 11 }, () => '0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10');
    const many = eleven.map((id, i) => id.slice(0, -2) + String(10 + i));
    const tooMany = await alice.call('sendMessage', { body: { to: bob.address, text: 'x', attachments: many } });
    expect(tooMany.body).toMatchObject({ error: 'too_many_attachments' });
    expect(await a.db.message.count()).toBe(before);
    expect(someoneElse.address).toBe('101*a.test');
  });

  it('a long letter goes to a files-1 node as one message; the limit is what that node announced', async () => {
    const text = letter(25);
    expect(text.length).toBeGreaterThan(20_000);
    const sent = await alice.send(bob.address, text);
    expect(sent.status).toBe(201);
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    const stored = await b.db.message.findMany({ where: { direction: 'in', body: { startsWith: 'Paragraph 1,' } } });
    expect(stored.map((message) => message.body)).toEqual([text]);

    const tooLong = await alice.send(bob.address, 'x'.repeat(64_001));
    expect(tooLong.body).toMatchObject({ error: 'message_too_long' });
  });
});

describe.each(DATABASE_KINDS)('files-1 checks of a receiving node (%s)', (kind) => {
  let b: InProcessNode;
  let peer: StandInNode;
  let bob: ApiClient;
  let secrets: Secrets;
  const receive = (body: unknown) => post(`${b.baseUrl}/openmsg/message-receive/`, body);
  const counts = async () => [await b.db.message.count(), await b.db.attachment.count()];

  beforeAll(async () => {
    peer = await new StandInNode('standin.test').start();
    peer.confirmPolicy = 'always';
    b = await InProcessNode.start(kind, 'b.test', { OPENMSG_PEER_OVERRIDES: `standin.test=${peer.baseUrl}` });
    peer.peerUrls['b.test'] = b.baseUrl;
    bob = await b.createUser('200', 'Bob');
    const answer = await peer.handshake(b.baseUrl, bob.address, await bob.createPassCode());
    secrets = {
      authCode: answer.json.auth_code,
      identCode: answer.json.ident_code,
      messageCryptKey: answer.json.message_crypt_key,
    };
  });
  afterAll(async () => {
    await b?.close();
    await peer?.stop();
  });

  it('announces files-1 in its success answers, and records a peer whose answers announce nothing as v1.0', async () => {
    const auth = await post(`${b.baseUrl}/openmsg/auth/`, {});
    expect(auth.json).not.toHaveProperty('openmsg_extensions'); // an error answer announces nothing
    const stored = await receive(peer.message('200', secrets, 'plain v1.0 message'));
    expect(parseAnnouncement(stored.json)).toEqual(FILES_1_ANNOUNCED);
    expect(stored.json).toMatchObject({ success: true, response_code: 'SM_S888' });
    // b called the stand-in's auth-confirm during the handshake: its success answer had no announcement.
    expect(await recorded(b, 'standin.test')).toMatchObject({ files1: null });
  });

  it('stores a message with files and one fetching row per file, in order', async () => {
    const manifest = JSON.stringify({
      files: [
        { ...wireEntry(manifestFile({ id: 'f-1', name: 'a.jpg' })), colour: 'ignored' },
        wireEntry(manifestFile({ id: 'f-2', name: 'b.pdf', type: 'application/pdf', size: 0 })),
      ],
    });
    const answer = await receive(withFiles(peer.message('200', secrets, 'two files'), secrets, manifest));
    expect(answer.json).toMatchObject({ success: true, response_code: 'SM_S888' });
    const message = await b.db.message.findFirstOrThrow({ where: { body: 'two files' } });
    const rows = await b.db.attachment.findMany({ where: { messageId: message.id }, orderBy: { position: 'asc' } });
    expect(rows.map((row) => [row.remoteId, row.name, row.state, row.size])).toEqual([
      ['f-1', 'a.jpg', 'fetching', 2_483_114],
      ['f-2', 'b.pdf', 'fetching', 0],
    ]);
  });

  it('SM_E004: a files_hash that does not match; nothing stored', async () => {
    const before = await counts();
    const body = withFiles(peer.message('200', secrets, 'tampered'), secrets, oneFileManifest(), {
      filesHash: 'e'.repeat(64),
    });
    expect((await receive(body)).json).toMatchObject({ error: true, response_code: 'SM_E004' });
    // The hash binds the manifest to its message: another message's files_package with its own files_hash fails too.
    const other = withFiles(peer.message('200', secrets, 'other'), secrets, oneFileManifest());
    const moved = {
      ...peer.message('200', secrets, 'moved'),
      files_package: other.files_package,
      files_hash: other.files_hash,
    };
    expect((await receive(moved)).json).toMatchObject({ response_code: 'SM_E004' });
    expect(await counts()).toEqual(before);
  });

  it('SM_E006: the files nonce equal to the message nonce, or a files_package that does not open; nothing stored', async () => {
    const before = await counts();
    const same = withFiles(peer.message('200', secrets, 'same nonce'), secrets, oneFileManifest(), { sameNonce: true });
    expect((await receive(same)).json).toMatchObject({ error: true, response_code: 'SM_E006' });
    const wrongKey = withFiles(peer.message('200', secrets, 'wrong key'), secrets, oneFileManifest(), {
      key: 'ab'.repeat(32),
    });
    expect((await receive(wrongKey)).json).toMatchObject({ error: true, response_code: 'SM_E006' });
    expect(await counts()).toEqual(before);
  });

  it('SM_E000 files_manifest_invalid: names that are paths or carry bidi/control characters, sizes over the limit; nothing stored', async () => {
    const before = await counts();
    for (const bad of [
      manifestFile({ name: '../../etc/passwd' }),
      manifestFile({ name: 'invoice\u202Egpj.exe' }),
      manifestFile({ name: 'a\u0000b' }),
      manifestFile({ size: 104_857_601 }),
    ]) {
      const body = withFiles(
        peer.message('200', secrets, 'bad manifest'),
        secrets,
        JSON.stringify({ files: [wireEntry(bad)] }),
      );
      expect((await receive(body)).json).toMatchObject({
        error: true,
        response_code: 'SM_E000',
        error_code: 'files_manifest_invalid',
      });
    }
    const halfFields = { ...peer.message('200', secrets, 'half'), files_package: 'abc' };
    expect((await receive(halfFields)).json).toMatchObject({
      response_code: 'SM_E000',
      error_code: 'files_manifest_invalid',
    });
    expect(await counts()).toEqual(before);
  });
});

describe.each(DATABASE_KINDS)('files-1 toward a reference-like node (%s)', (kind) => {
  let a: InProcessNode;
  let reference: StandInNode;
  let alice: ApiClient;
  const texts: string[] = [];
  let announce = false;

  beforeAll(async () => {
    reference = await new StandInNode('ref.test').start();
    a = await InProcessNode.start(kind, 'a.test', { OPENMSG_PEER_OVERRIDES: `ref.test=${reference.baseUrl}` });
    reference.peerUrls['a.test'] = a.baseUrl;
    alice = await a.createUser('100', 'Alice');
    reference.onMessageReceive = async (body) => {
      texts.push(openedText(body, reference.lastIssuedSecrets!.messageCryptKey));
      const ok = { success: true, response_code: 'SM_S888' };
      return {
        answer: announce
          ? {
              ...ok,
              openmsg_extensions: { [FILES_1]: { max_file_bytes: 1_048_576, max_text_chars: 64_000, max_files: 1 } },
            }
          : ok,
      };
    };
    expect((await alice.connect('5*ref.test', '123456')).status).toBe(201);
  });
  afterAll(async () => {
    await a?.close();
    await reference?.stop();
  });

  it('records the auth answer without an announcement as v1.0', async () => {
    expect(await recorded(a, 'ref.test')).toMatchObject({ files1: null });
    expect((await alice.call('listContacts')).body.items[0]?.peer).toEqual({
      files: false,
      maxTextChars: 2000,
      maxFileBytes: null,
    });
  });

  it('learns from message answers, and an answer without the announcement replaces it', async () => {
    announce = true;
    const first = await alice.send('5*ref.test', 'hello');
    await alice.waitForState(first.body.id, ['delivered']);
    expect(await recorded(a, 'ref.test')).toMatchObject({
      files1: { maxFileBytes: 1_048_576, maxTextChars: 64_000, maxFiles: 1 },
    });
    expect((await alice.call('listContacts')).body.items[0]?.peer).toMatchObject({
      files: true,
      maxFileBytes: 1_048_576,
    });
    announce = false;
    const second = await alice.send('5*ref.test', 'hello again');
    await alice.waitForState(second.body.id, ['delivered']);
    expect(await recorded(a, 'ref.test')).toMatchObject({ files1: null });
    expect((await alice.call('listContacts')).body.items[0]?.peer).toMatchObject({ files: false });
  });

  it('a long letter arrives in labelled parts of at most 2000 characters, in order, as plain v1.0 messages', async () => {
    texts.length = 0;
    reference.received.length = 0;
    const text = letter(5);
    const sent = await alice.send('5*ref.test', text);
    expect(sent.status).toBe(201);
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    const n = texts.length;
    expect(n).toBeGreaterThanOrEqual(3);
    texts.forEach((part, i) => {
      expect(part.startsWith(`(${i + 1}/${n}) `)).toBe(true);
      expect([...part].length).toBeLessThanOrEqual(2000);
    });
    const unlabelled = texts.map((part) => part.replace(/^\(\d+\/\d+\) /, ''));
    expect(unlabelled.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  it('never receives a files-1 field or a request outside v1.0, even for a message with a file', async () => {
    const upload = await readyUpload(a, '100', Buffer.from('a file for a v1.0 node'));
    texts.length = 0;
    await alice.call('sendMessage', { body: { to: '5*ref.test', text: 'a caption', attachments: [upload.id] } });
    await eventually(async () => texts.includes('a caption'));
    for (const call of reference.received) {
      expect(V1_PATHS).toContain(call.path);
      if (call.path === '/openmsg/message-receive') expect(Object.keys(call.body as object)).toEqual(V1_FIELDS);
      expect(JSON.stringify(call.body)).not.toMatch(/files_|openmsg_extensions/);
    }
  });
});

describe.each(DATABASE_KINDS)('a long letter toward a v1.0 node of ours, in parts, exactly once (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let proxy: AnswerLosingProxy;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    proxy = await new AnswerLosingProxy(`http://127.0.0.1:${portB}`).start();
    [a, b] = await Promise.all([
      InProcessNode.start(kind, 'a.test', { OPENMSG_PEER_OVERRIDES: `b.test=${proxy.baseUrl}` }, portA),
      InProcessNode.start(
        kind,
        'b.test',
        { OPENMSG_PEER_OVERRIDES: `a.test=http://127.0.0.1:${portA}`, OPENMSG_FILES: 'false' },
        portB,
      ),
    ]);
    alice = await a.createUser('100', 'Alice');
    bob = await b.createUser('200', 'Bob');
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await proxy?.stop();
  });

  it('a node with files off announces nothing and is recorded as v1.0', async () => {
    expect(await recorded(a, 'b.test')).toMatchObject({ files1: null });
  });

  it('the answer to the second part is lost: the retry resends it (SM_E007) and goes on; each part stored once, in order', async () => {
    proxy.messageReceives = 0;
    proxy.loseAnswerTo = 2;
    const text = letter(5);
    const sent = await alice.send(bob.address, text);
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'], 30_000)).state).toBe('delivered');

    const stored = await b.db.message.findMany({
      where: { direction: 'in' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const n = stored.length;
    expect(n).toBeGreaterThanOrEqual(3);
    stored.forEach((message, i) => expect(message.body.startsWith(`(${i + 1}/${n}) `)).toBe(true));
    expect(proxy.messageReceives).toBe(n + 1);
    expect(proxy.answers[2]).toMatchObject({ response_code: 'SM_E007' });
    const row = await a.db.message.findUniqueOrThrow({ where: { id: sent.body.id } });
    expect(row.partsSent).toBe(n - 1);
  });
});

function wireEntry(file: ReturnType<typeof manifestFile>) {
  const { chunkSize, ...rest } = file;
  return { ...rest, chunk_size: chunkSize };
}
