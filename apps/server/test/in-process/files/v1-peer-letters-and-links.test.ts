import { createHash, randomBytes } from 'node:crypto';
import { apiPath, codePointLength, openMessage, type SharedFileView } from '@openmsg/core';
import { v7 as timeOrderedUuid } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkCount, FILE_CHUNK_SIZE, newFileKey, sealChunk } from '../../../src/files/file-cipher';
import { FileLinksService } from '../../../src/files/file-links.service';
import { NodeKeysService } from '../../../src/node-keys/node-keys.service';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { StandInNode } from '../../peer-kit/stand-in-node';
import { InProcessNode } from '../kit/in-process-node';

const LABEL = /^\((\d+)\/(\d+)\) /;
const LINK_LINE =
  /^📎 (?<name>.+) \((?<size>[^,]+), (?<type>[^)]+)\): https:\/\/a\.test\/download\/(?<token>[A-Za-z0-9_-]{43}) \(until \d{1,2} [A-Z][a-z]+ \d{4}\)$/u;

/** A letter of 20,000 characters that reads like one: paragraphs of sentences, some of them not ASCII. */
function letter(): string {
  const sentences = [
    'The garden was full of light this morning.',
    'We walked down to the river and back — über die Brücke — before breakfast.',
    'Nobody said much, but it was good to be out.',
    'Tomorrow the rain comes back, they say. 🌧️',
  ];
  const paragraphs: string[] = [];
  for (let p = 0; paragraphs.join('\n\n').length < 20_000; p++)
    paragraphs.push(Array.from({ length: 6 + (p % 5) }, (_, s) => sentences[(p + s) % sentences.length]).join(' '));
  return paragraphs.join('\n\n').slice(0, 20_000).trimEnd();
}

/**
 * Toward a node without files-1 (the stand-in answers like the PHP reference: no openmsg_extensions), a long letter
 * arrives as labelled v1.0 parts in order, and a file as a link line whose page and download work on the sender's
 * node (docs/extensions/files.md §2, §6).
 */
describe.each(DATABASE_KINDS)(
  'a long letter and a file toward a reference-like node (%s)',
  { timeout: 120_000 },
  (kind) => {
    let a: InProcessNode;
    let reference: StandInNode;
    let alice: ApiClient;
    const texts: string[] = [];

    beforeAll(async () => {
      reference = await new StandInNode('ref.test').start();
      a = await InProcessNode.start(kind, 'a.test', { OPENMSG_PEER_OVERRIDES: `ref.test=${reference.baseUrl}` });
      reference.peerUrls['a.test'] = a.baseUrl;
      alice = await a.createUser('100', 'Alice Sender');
      reference.onMessageReceive = async (body) => {
        const opened = openMessage(String(body.message_package), reference.lastIssuedSecrets!.messageCryptKey);
        if (!opened.ok) throw new Error(`a part did not open: ${opened.reason}`);
        texts.push(opened.text);
        return { answer: { success: true, response_code: 'SM_S888' } };
      };
      expect((await alice.connect('5*ref.test', '123456')).status).toBe(201);
    });
    afterAll(async () => {
      await a?.close();
      await reference?.stop();
    });

    /** An upload as the files module leaves it when its last byte is stored: ready, not sent yet. */
    async function readyUpload(name: string, contentType: string, bytes: Buffer): Promise<string> {
      const account = await a.db.account.findUniqueOrThrow({ where: { addressId: '100' } });
      const key = newFileKey();
      const id = timeOrderedUuid();
      await a.db.attachment.create({
        data: {
          id,
          accountId: account.id,
          name,
          contentType,
          size: bytes.length,
          storedBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          fileKey: a.app.get(NodeKeysService).sealSecret(key.toString('hex')),
          chunkSize: FILE_CHUNK_SIZE,
          state: 'ready',
        },
      });
      const n = chunkCount(bytes.length, FILE_CHUNK_SIZE);
      for (let i = 0; i < n; i++) {
        const plain = bytes.subarray(i * FILE_CHUNK_SIZE, (i + 1) * FILE_CHUNK_SIZE);
        await a.db.attachmentChunk.create({
          data: { attachmentId: id, index: i, data: new Uint8Array(sealChunk(key, i, i === n - 1, plain)) },
        });
      }
      return id;
    }

    it('the letter arrives in labelled parts in order, then the file as a link whose page and download work', async () => {
      const text = letter();
      expect(codePointLength(text)).toBeGreaterThan(19_900);
      const bytes = randomBytes(3 * FILE_CHUNK_SIZE + 1234);
      const upload = await readyUpload('Holiday photos.zip', 'application/zip', bytes);

      const sent = await alice.call('sendMessage', { body: { to: '5*ref.test', text, attachments: [upload] } });
      expect(sent.status).toBe(201);
      expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'], 60_000)).state).toBe('delivered');

      // The letter: parts of at most 2000 code points, labelled 1..n of n, in order, the text back when put together.
      const letterParts = texts.filter((part) => LABEL.test(part));
      const n = letterParts.length;
      expect(n).toBeGreaterThanOrEqual(11);
      letterParts.forEach((part, i) => {
        expect(part.startsWith(`(${i + 1}/${n}) `)).toBe(true);
        expect(codePointLength(part)).toBeLessThanOrEqual(2000);
      });
      expect(texts.slice(0, n)).toEqual(letterParts);
      const bodies = letterParts.map((part) => part.replace(LABEL, ''));
      expect(bodies.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      // Cut where a reader expects: every part but the last ends a paragraph or a sentence.
      for (const body of bodies.slice(0, -1)) expect(body).toMatch(/[.!?]$|🌧️$/u);

      // Then the file: one line after the letter.
      expect(texts).toHaveLength(n + 1);
      const line = LINK_LINE.exec(texts[n]!);
      expect(line, texts[n]).not.toBeNull();
      expect(line!.groups).toMatchObject({ name: 'Holiday photos.zip', size: '788 KB', type: 'ZIP archive' });

      // The link: its page says who sent what; its download gives the same bytes, as an attachment.
      const token = line!.groups!.token!;
      const page = await a.fetch(apiPath('sharedFile', { params: { token } }), {
        headers: { 'x-forwarded-for': '198.51.100.200' },
      });
      expect(page.status).toBe(200);
      expect((await page.json()) as SharedFileView).toMatchObject({
        name: 'Holiday photos.zip',
        size: bytes.length,
        from: '100*a.test',
        fromName: 'Alice Sender',
      });
      const download = await a.fetch(apiPath('sharedFileContent', { params: { token } }), {
        headers: { 'x-forwarded-for': '198.51.100.200' },
      });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

      // Never anything of files-1 toward this node.
      for (const call of reference.received) expect(JSON.stringify(call.body)).not.toMatch(/files_|openmsg_extensions/);
    });

    it('the link sent is the one the node keeps: asked again, as a retry would, it gives the same text', async () => {
      const upload = await readyUpload('notes.txt', 'text/plain', Buffer.from('notes'));
      texts.length = 0;
      const sent = await alice.call('sendMessage', {
        body: { to: '5*ref.test', text: 'notes attached', attachments: [upload] },
      });
      await alice.waitForState(sent.body.id, ['delivered'], 60_000);
      await eventually(async () => texts.length === 2);
      const messageId = sent.body.id;
      const [link] = await a.app.get(FileLinksService).linksFor(messageId);
      expect(texts[1]).toContain(link!.url);
    });
  },
);
