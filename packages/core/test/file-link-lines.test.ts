import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  fileLinkLine,
  fileLinkLines,
  fileSizeText,
  fileTypeText,
  type FileLinkLineInput,
} from '../src';

// The manifest's name rules (files.md §3): the names given to fileLinkLines are already valid.
const isValidName = (name: string) =>
  codePointLength(name) <= 255 && !/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069/\\]/u.test(name);
const URL_BASE = 'https://a.example/download/';
const token = (n: number) => `${String(n).padStart(4, '0')}${'x'.repeat(39)}`;

function file(over: Partial<FileLinkLineInput> = {}): FileLinkLineInput {
  return {
    name: 'holiday.jpg',
    size: 2_483_114,
    contentType: 'image/jpeg',
    url: `${URL_BASE}${token(0)}`,
    expiresAt: new Date('2027-01-05T10:00:00Z'),
    ...over,
  };
}

describe('fileLinkLines', { timeout: 30_000 }, () => {
  it('writes the line of files.md §6', () => {
    expect(fileLinkLines([file()])).toEqual([
      `📎 holiday.jpg (2.5 MB, JPEG image): ${URL_BASE}${token(0)} (until 5 January 2027)`,
    ]);
  });

  it('puts several files one per line in one message, in the order given', () => {
    const files = [
      file(),
      file({ name: 'Contract final (v2).pdf', size: 88_000, contentType: 'application/pdf', url: `${URL_BASE}b` }),
      file({ name: 'notes', size: 1, contentType: 'application/octet-stream', url: `${URL_BASE}c` }),
    ];
    const [message, ...rest] = fileLinkLines(files);
    expect(rest).toEqual([]);
    expect(message!.split('\n')).toEqual([
      fileLinkLine(files[0]!),
      `📎 Contract final (v2).pdf (88 KB, PDF document): ${URL_BASE}b (until 5 January 2027)`,
      `📎 notes (1 byte, file): ${URL_BASE}c (until 5 January 2027)`,
    ]);
  });

  it('packs lines into messages of at most the limit, never cutting a line, every file once and in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 255 }).filter(isValidName), { maxLength: 40 }),
        fc.integer({ min: 500, max: 2000 }),
        (names, max) => {
          const files = names.map((name, i) => file({ name, url: `${URL_BASE}${token(i)}` }));
          const lines = files.map(fileLinkLine);
          const messages = fileLinkLines(files, max);
          for (const message of messages) expect(codePointLength(message)).toBeLessThanOrEqual(max);
          expect(messages.join('\n')).toBe(lines.join('\n'));
          // Greedy: no message could have taken the next message's first line too.
          let next = 0;
          for (const message of messages.slice(0, -1)) {
            next += message.split('\n').length;
            expect(codePointLength(`${message}\n${lines[next]}`)).toBeGreaterThan(max);
          }
        },
      ),
    );
    expect(fileLinkLines([])).toEqual([]);
  });

  it('fills 2000 code points: 30 files with long names take several messages', () => {
    const files = Array.from({ length: 30 }, (_, i) =>
      file({ name: `${'ü'.repeat(200)}-${i}.pdf`, url: `${URL_BASE}${token(i)}` }),
    );
    const messages = fileLinkLines(files);
    expect(messages.length).toBeGreaterThanOrEqual(4);
    for (const message of messages) expect(codePointLength(message)).toBeLessThanOrEqual(2000);
    expect(messages.flatMap((m) => m.split('\n'))).toHaveLength(30);
  });

  it('cuts a line only when a limit far below v1.0 leaves no room for it', () => {
    const long = file({ name: 'n'.repeat(255) });
    const messages = fileLinkLines([file(), long], 200);
    expect(messages[0]).toBe(fileLinkLine(file()));
    expect(messages.slice(1).every((m) => /^\(\d\/\d\) /.test(m) && codePointLength(m) <= 200)).toBe(true);
  });

  it('writes sizes and types the way people say them', () => {
    expect(fileSizeText(0)).toBe('0 bytes');
    expect(fileSizeText(999)).toBe('999 bytes');
    expect(fileSizeText(1000)).toBe('1 KB');
    expect(fileSizeText(1540)).toBe('1.5 KB');
    expect(fileSizeText(9_960)).toBe('10 KB');
    expect(fileSizeText(999_999)).toBe('1 MB');
    expect(fileSizeText(2_483_114)).toBe('2.5 MB');
    expect(fileSizeText(26_214_400)).toBe('26 MB');
    expect(fileSizeText(104_857_600)).toBe('105 MB');
    expect(fileSizeText(5e9)).toBe('5 GB');
    expect(fileTypeText('image/png')).toBe('PNG image');
    expect(fileTypeText('Application/PDF; charset=binary')).toBe('PDF document');
    expect(fileTypeText('image/x-unknown')).toBe('image');
    expect(fileTypeText('video/x-matroska')).toBe('video');
    expect(fileTypeText('application/x-whatever')).toBe('file');
    expect(fileTypeText('')).toBe('file');
  });

  it('writes the last day in UTC, from a Date or an ISO string; refuses a date that is none', () => {
    expect(fileLinkLine(file({ expiresAt: '2026-12-31T23:30:00-02:00' }))).toMatch(/\(until 1 January 2027\)$/);
    expect(fileLinkLine(file({ expiresAt: '2027-03-09T00:00:00.000Z' }))).toMatch(/\(until 9 March 2027\)$/);
    expect(() => fileLinkLine(file({ expiresAt: 'soon' }))).toThrow(RangeError);
  });
});
