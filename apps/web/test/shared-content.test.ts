import { describe, expect, it } from 'vitest';
import {
  QUERY_TEXT_MAX_CHARS,
  sharedFromQuery,
  sharedMessageText,
  sharedQuery,
  splitSharedFiles,
  withSharedText,
} from '../lib/shared-content';

describe('the message a share becomes', () => {
  it('puts title, text and url each on a line', () => {
    expect(sharedMessageText({ title: 'Menu', text: 'Lunch today?', url: 'https://x.test/menu' })).toBe(
      'Menu\nLunch today?\nhttps://x.test/menu',
    );
  });
  it('leaves out a url the text already holds, and a title the text holds or that repeats the url', () => {
    expect(sharedMessageText({ title: 'News', text: 'News: https://x.test/a', url: 'https://x.test/a' })).toBe(
      'News: https://x.test/a',
    );
    expect(sharedMessageText({ title: 'https://x.test/a', url: 'https://x.test/a' })).toBe('https://x.test/a');
  });
  it('trims each field and gives nothing for an empty share', () => {
    expect(sharedMessageText({ title: '  ', text: '\n hi \n', url: '' })).toBe('hi');
    expect(sharedMessageText({})).toBe('');
  });
});

describe('the draft a share lands in', () => {
  it('keeps what was written, with a blank line before the shared text', () => {
    expect(withSharedText('Look at this:  \n', 'https://x.test')).toBe('Look at this:\n\nhttps://x.test');
    expect(withSharedText('', 'hi')).toBe('hi');
    expect(withSharedText('draft', '')).toBe('draft');
  });
});

describe('the query of the server route (no service worker)', () => {
  it('round-trips the fields and the number of files lost', () => {
    const query = sharedQuery({ title: 'T', text: 'a & b = c?', url: 'https://x.test/?q=1#h' }, 2);
    expect(sharedFromQuery(new URLSearchParams(query.toString()))).toEqual({
      fields: { title: 'T', text: 'a & b = c?', url: 'https://x.test/?q=1#h' },
      filesLost: 2,
      cut: false,
    });
  });
  it('cuts a long text to the limit in code points (never half an emoji) and says so', () => {
    const query = sharedQuery({ url: 'https://x.test', text: '😀'.repeat(QUERY_TEXT_MAX_CHARS) }, 0);
    const read = sharedFromQuery(query);
    expect(read?.cut).toBe(true);
    expect(Array.from(read?.fields.text ?? '')).toHaveLength(QUERY_TEXT_MAX_CHARS - 'https://x.test'.length);
    expect(read?.fields.text.endsWith('😀')).toBe(true);
    expect(read?.fields.url).toBe('https://x.test');
  });
  it('is null when nothing was shared, and reads files alone', () => {
    expect(sharedFromQuery(new URLSearchParams(''))).toBeNull();
    expect(sharedFromQuery(new URLSearchParams('problem=unreadable'))).toBeNull();
    expect(sharedFromQuery(new URLSearchParams('filesLost=3'))).toEqual({
      fields: { title: '', text: '', url: '' },
      filesLost: 3,
      cut: false,
    });
    expect(sharedFromQuery(new URLSearchParams('filesLost=-4'))).toBeNull();
  });
});

describe('which shared files the node takes', () => {
  const files = [
    { name: 'a.jpg', size: 10 },
    { name: 'huge.mov', size: 1000 },
    { name: 'b.pdf', size: 20 },
    { name: 'c.txt', size: 30 },
  ];
  it('leaves out one too big and those beyond one message, keeping the others in order', () => {
    expect(splitSharedFiles(files, { maxFileBytes: 100, maxFilesPerMessage: 2 })).toEqual({
      kept: [files[0], files[2]],
      leftOut: [
        { name: 'huge.mov', size: 1000, reason: 'too-big' },
        { name: 'c.txt', size: 30, reason: 'too-many' },
      ],
    });
  });
  it('leaves every file out when the node takes none', () => {
    const { kept, leftOut } = splitSharedFiles(files, null);
    expect(kept).toEqual([]);
    expect(leftOut.map((file) => file.reason)).toEqual(['no-files', 'no-files', 'no-files', 'no-files']);
  });
});
