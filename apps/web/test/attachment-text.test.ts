import { describe, expect, it } from 'vitest';
import type { AttachmentView, MessageView } from '@openmsg/core/api';
import {
  attachmentStatus,
  fileKind,
  messagePreview,
  outgoingDelivery,
  previewSize,
  progressPercent,
  progressText,
} from '../lib/attachment-text';
import { uploadErrorSentence } from '../lib/upload-errors';
import { attachmentIdOf, sameOriginUploadUrl } from '../lib/file-upload';
import { matchingFileNames } from '../lib/search-snippet';
import { translator } from './translators';

const t = await translator('files');
const en = { t, locale: 'en' };

function file(over: Partial<AttachmentView> = {}): AttachmentView {
  return {
    id: '0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10',
    messageId: 'm1',
    name: 'report.pdf',
    contentType: 'application/pdf',
    size: 2_000_000,
    width: null,
    height: null,
    createdAt: '2026-12-06T10:00:00.000Z',
    state: 'ready',
    failureCode: null,
    progressBytes: 0,
    hasThumbnail: false,
    ...over,
  };
}
const ann = { name: 'Ann', filesSupported: true };
const sent = { direction: 'out', state: 'delivered' } as const;
const received = { direction: 'in', state: 'received' } as const;

describe('progress', () => {
  it('is whole per cent, and 100 only when every byte is there', () => {
    expect(progressPercent(0, 1000)).toBe(0);
    expect(progressPercent(999, 1000)).toBe(99);
    expect(progressPercent(1000, 1000)).toBe(100);
    expect(progressPercent(5, 0)).toBe(100);
    expect(progressText(1_200_000, 2_400_000, en)).toBe('1.2 MB of 2.4 MB (50%)');
  });

  it('in German: decimal commas, the per cent sign spaced, the words translated', async () => {
    const de = { t: await translator('files', 'de'), locale: 'de' };
    expect(progressText(1_200_000, 2_400_000, de)).toBe('1,2 MB von 2,4 MB (50\u00a0%)');
    expect(attachmentStatus(file({ progressBytes: 500_000 }), sent, ann, de)?.text).toBe(
      'Der Server von Ann holt die Datei ab: 500 kB von 2,0 MB (25\u00a0%)',
    );
    expect(messagePreview({ text: '', attachments: [file(), file()] }, de.t)).toBe('📎 2 Dateien');
  });
});

describe('a file’s line in its bubble', () => {
  it('outgoing to a files-1 contact: waiting, then the other node fetching', () => {
    expect(attachmentStatus(file(), sent, ann, en)).toEqual({
      kind: 'progress',
      text: "Waiting for Ann's node to fetch it.",
      percent: 0,
    });
    expect(attachmentStatus(file({ progressBytes: 500_000 }), sent, ann, en)).toEqual({
      kind: 'progress',
      text: "Ann's node is fetching it: 500 kB of 2.0 MB (25%)",
      percent: 25,
    });
  });

  it('nothing while the text itself is on its way; Delivered once their node holds it, checked', () => {
    expect(attachmentStatus(file(), { direction: 'out', state: 'sending' }, ann, en)).toBeNull();
    expect(attachmentStatus(file({ state: 'delivered', progressBytes: 2_000_000 }), sent, ann, en)).toEqual({
      kind: 'done',
      text: 'Delivered',
      percent: null,
    });
  });

  it('toward a node without files-1 it went as a link', () => {
    expect(attachmentStatus(file(), sent, { name: 'Bob', filesSupported: false }, en)).toEqual({
      kind: 'link',
      text: 'Sent as a download link.',
      percent: null,
    });
  });

  it('incoming: receiving with progress, nothing once stored', () => {
    expect(attachmentStatus(file({ state: 'fetching', progressBytes: 1_000_000 }), received, ann, en)).toEqual({
      kind: 'progress',
      text: 'Receiving: 1.0 MB of 2.0 MB (50%)',
      percent: 50,
    });
    expect(attachmentStatus(file({ state: 'stored' }), received, ann, en)).toBeNull();
  });

  it('refused, in words, for each reason and each side', () => {
    const refused = (failureCode: AttachmentView['failureCode'], message: typeof sent | typeof received) =>
      attachmentStatus(file({ state: 'refused', failureCode }), message, ann, en)?.text;
    expect(refused('too_large', sent)).toBe("Not delivered. Ann's node refused it: too large.");
    expect(refused('quota_full', sent)).toBe("Not delivered. Ann's storage for files is full.");
    expect(refused('hash_mismatch', received)).toBe(
      'Not received. It arrived damaged (its checksum did not match), so it is not shown.',
    );
    expect(refused('gone', received)).toBe('Not received. The sender deleted it before it arrived.');
    expect(refused('expired', received)).toBe(
      'Not received. It could not be fetched in time: the sender’s node did not answer.',
    );
    expect(refused('quota_full', received)).toBe(
      'Not received. Your storage for files is full: delete files you no longer need.',
    );
    expect(refused(null, sent)).toBe("Not delivered. Ann's node did not take it.");
  });
});

describe('an outgoing message with files counts as delivered', () => {
  const message = (state: MessageView['state'], attachments: AttachmentView[]) => ({ state, attachments });

  it('only when its text and every file are delivered', () => {
    expect(outgoingDelivery(message('delivered', []), true)).toBe('delivered');
    expect(outgoingDelivery(message('sending', [file()]), true)).toBe('sending');
    expect(outgoingDelivery(message('delivered', [file({ state: 'delivered' }), file()]), true)).toBe('pending-files');
    expect(outgoingDelivery(message('delivered', [file({ state: 'delivered' })]), true)).toBe('delivered');
    expect(outgoingDelivery(message('failed', [file()]), true)).toBe('failed');
  });

  it('or when the files went as links to a node without files-1', () => {
    expect(outgoingDelivery(message('delivered', [file()]), false)).toBe('delivered');
  });

  it('a refused file says so', () => {
    expect(
      outgoingDelivery(message('delivered', [file({ state: 'delivered' }), file({ state: 'refused' })]), true),
    ).toBe('files-refused');
  });
});

describe('what a file is called', () => {
  it.each([
    ['application/pdf', 'a.pdf', 'PDF document'],
    ['image/jpeg', 'a.jpg', 'JPEG image'],
    ['application/octet-stream', 'notes.md', 'MD'],
    ['application/octet-stream', 'noext', 'File'],
    ['application/vnd.oasis.opendocument.text', 'letter.odt', 'ODT'],
    ['video/quicktime', 'clip.mov', 'MOV video'],
    ['text/plain; charset=utf-8', 'a.txt', 'Text'],
  ])('%s (%s) is “%s”', (type, name, kind) => {
    expect(fileKind(type, name, t)).toBe(kind);
  });

  it('the list shows a message of files only by its files', () => {
    expect(messagePreview({ text: '', attachments: [file()] }, t)).toBe('📎 report.pdf');
    expect(messagePreview({ text: '', attachments: [file(), file()] }, t)).toBe('📎 2 files');
    expect(messagePreview({ text: 'hi', attachments: [file()] }, t)).toBe('hi');
    expect(messagePreview({ text: '', attachments: [] }, t)).toBe('📎 File');
  });

  it('search results list the file names that matched', () => {
    expect(matchingFileNames([{ name: 'Café menu.pdf' }, { name: 'beach.jpg' }], 'cafe')).toEqual(['Café menu.pdf']);
  });
});

describe('previews keep their place', () => {
  it('fit the image’s proportions in the box, never enlarged', () => {
    expect(previewSize(4000, 3000)).toEqual({ width: 280, height: 210 });
    expect(previewSize(1000, 4000)).toEqual({ width: 70, height: 280 });
    expect(previewSize(100, 50)).toEqual({ width: 100, height: 50 });
    expect(previewSize(null, null)).toEqual({ width: 280, height: 210 });
  });
});

describe('uploads the node refused', () => {
  it('say why, from the client API’s error body', () => {
    const body = (error: string) => JSON.stringify({ statusCode: 413, error, message: 'x' });
    expect(uploadErrorSentence('a.zip', { status: 413, body: body('quota_full') }, t)).toBe(
      'Your storage for files is full: a.zip does not fit. Delete messages with files you no longer need.',
    );
    expect(uploadErrorSentence('a.zip', { status: 413, body: body('attachment_too_large') }, t)).toBe(
      'a.zip is too big for your node. Send a smaller file, or share it another way.',
    );
    expect(uploadErrorSentence('a/b', { status: 400, body: body('file_name_invalid') }, t)).toContain(
      'Rename the file',
    );
  });

  it('from the status alone when the tus layer answered by itself, and offline without an answer', () => {
    expect(uploadErrorSentence('a.zip', { status: 413, body: 'Maximum size exceeded' }, t)).toContain('too big');
    expect(uploadErrorSentence('a.zip', { status: 507, body: '' }, t)).toContain('no room');
    expect(uploadErrorSentence('a.zip', null, t)).toBe(
      'a.zip did not upload: your node could not be reached. Retry when you are back online.',
    );
  });

  it('an upload URL naming the node’s own address is asked on the inbox’s origin', () => {
    const id = '0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10';
    expect(sameOriginUploadUrl(`http://127.0.0.1:4000/api/v1/uploads/${id}`, 'https://a.test')).toBe(
      `https://a.test/api/v1/uploads/${id}`,
    );
    expect(sameOriginUploadUrl('/api/v1/uploads', 'https://a.test')).toBe('https://a.test/api/v1/uploads');
    expect(sameOriginUploadUrl('https://elsewhere.example/x', 'https://a.test')).toBe('https://elsewhere.example/x');
  });

  it('the attachment id is the last segment of the upload’s URL', () => {
    expect(attachmentIdOf('/api/v1/uploads/0193F5A0-6C1E-7CC0-9D55-3F1C2B7A9E10')).toBe(
      '0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10',
    );
    expect(attachmentIdOf('https://a.test/api/v1/uploads/0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10/')).toBe(
      '0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10',
    );
    expect(attachmentIdOf('/api/v1/uploads/not-an-id')).toBeNull();
    expect(attachmentIdOf(null)).toBeNull();
  });
});
