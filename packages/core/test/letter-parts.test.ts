import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphemeSegments } from 'unicode-segmenter/grapheme';
import { codePointLength, splitLetter } from '../src';

const LABEL = /^\((\d+)\/(\d+)\) /;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The parts without their labels, after checking the labels count 1..n in order. */
function bodies(parts: string[]): string[] {
  return parts.map((part, index) => {
    const label = LABEL.exec(part);
    expect(label, part.slice(0, 20)).not.toBeNull();
    expect(Number(label![1])).toBe(index + 1);
    expect(Number(label![2])).toBe(parts.length);
    return part.slice(label![0].length);
  });
}

/**
 * Every rule of a split: parts within the limit, labelled in order, no blanks at their ends, well-formed, cut
 * between grapheme clusters of the original, and the text back when the parts are put together (only the
 * whitespace at the cuts is gone). Returns where each part ends in the text.
 */
function checkSplit(text: string, max: number): { parts: string[]; ends: number[] } {
  const parts = splitLetter(text, max);
  for (const part of parts) {
    expect(codePointLength(part)).toBeLessThanOrEqual(max);
    expect(LONE_SURROGATE.test(part)).toBe(false);
  }
  if (codePointLength(text) <= max) {
    expect(parts).toEqual([text]);
    return { parts, ends: [text.length] };
  }
  if (parts.length === 1) {
    expect(parts[0]).toBe(text.trim());
    return { parts, ends: [] };
  }
  // V8's segmenter is the independent judge, but too slow for long texts (each segment costs the input's length).
  const segments = text.length <= 4000 ? graphemes.segment(text) : graphemeSegments(text);
  const boundaries = new Set([...segments].map((s) => s.index));
  boundaries.add(text.length);
  const ends: number[] = [];
  let at = 0;
  for (const body of bodies(parts)) {
    expect(body.length).toBeGreaterThan(0);
    // No blank at its ends, unless the blank carries a combining mark (" \u0301" is one grapheme: cut, it would
    // leave the mark alone).
    const clusters = [...graphemes.segment(body)].map((s) => s.segment);
    expect(clusters[0]!.trim(), 'a blank grapheme at the start').not.toBe('');
    expect(clusters.at(-1)!.trim(), 'a blank grapheme at the end').not.toBe('');
    const gap = text.slice(at, text.indexOf(body, at));
    expect(gap.trim(), 'only blanks between parts').toBe('');
    at += gap.length;
    expect(boundaries.has(at), `part starts between graphemes at ${at}`).toBe(true);
    expect(text.startsWith(body, at)).toBe(true);
    at += body.length;
    expect(boundaries.has(at), `part ends between graphemes at ${at}`).toBe(true);
    ends.push(at);
  }
  expect(text.slice(at).trim()).toBe('');
  return { parts, ends };
}

// Pieces chosen for trouble: surrogate pairs, ZWJ sequences, flags, skin tones, combining marks, scripts without
// spaces, blanks of every kind, sentence and paragraph ends.
const PIECES = [
  'word',
  'Openmsg',
  'a',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\r\n',
  '\t',
  '. ',
  '? ',
  '! ',
  '.',
  ',',
  '\u00a0',
  '\u3000',
  'é',
  'e\u0301',
  'a\u0300\u0301\u0302',
  '👩‍👩‍👧‍👦',
  '👍🏽',
  '🇳🇱',
  '🇩🇪🇫🇷',
  '🏳️‍🌈',
  '😀',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '你好。',
  'สวัสดีครับ',
  'مرحبا',
  '\u200d',
  ' \u0301',
];
const letterArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 400 }).map((pieces) => pieces.join(''));

// Property runs take seconds on a busy machine: more than the default 5 s.
describe('splitLetter', { timeout: 30_000 }, () => {
  it('keeps every rule for any text and any limit (property)', () => {
    fc.assert(
      fc.property(letterArb, fc.integer({ min: 32, max: 300 }), (text, max) => {
        checkSplit(text, max);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every rule for arbitrary code points, lone surrogates included (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 600 }),
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 32, max: 120 }),
        (binary, grapheme, max) => {
          checkSplit(binary, max);
          checkSplit(grapheme, max);
          checkSplit(`${grapheme} ${binary}`, max);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a blank that carries a combining mark with its mark, at the start of a part', () => {
    // Found by the property above (seed 1712929299).
    checkSplit('wordwordสวัสดีครับword \u0301wordwordword', 32);
  });

  it('gives a text that fits back unchanged, blanks included', () => {
    expect(splitLetter('')).toEqual(['']);
    expect(splitLetter('  hello  ')).toEqual(['  hello  ']);
    const full = '😀'.repeat(2000);
    expect(splitLetter(full)).toEqual([full]);
    // Over the limit only by its blanks: one part, trimmed, without a label.
    expect(splitLetter(`  ${'x'.repeat(1999)}  `)).toEqual(['x'.repeat(1999)]);
  });

  it('counts code points, not UTF-16 units: 2000 emoji are one part, 2001 are two', () => {
    expect(splitLetter('😀'.repeat(2001))).toEqual([`(1/2) ${'😀'.repeat(1994)}`, `(2/2) ${'😀'.repeat(7)}`]);
  });

  it('splits a 20,000-character letter into about ten labelled parts of at most 2000 code points', () => {
    const sentence = 'The quick brown fox jumps over the lazy dog, again and again. ';
    const paragraph = sentence.repeat(9).trim();
    const text = Array.from({ length: 40 }, () => paragraph)
      .join('\n\n')
      .slice(0, 20_000);
    const { parts } = checkSplit(text, 2000);
    expect(parts.length).toBeGreaterThanOrEqual(11);
    expect(parts.length).toBeLessThanOrEqual(13);
    expect(parts[0]).toMatch(/^\(1\/1\d\) The quick/);
    expect(parts.at(-1)).toMatch(/^\(1\d\/1\d\) /);
    // Every part but the last ends where a paragraph ends.
    for (const body of bodies(parts).slice(0, -1)) expect(body.endsWith('again and again.')).toBe(true);
  });

  it('prefers a paragraph end in the last half, then a line end, then a sentence end, then a space', () => {
    const para = (n: number) => `${'Aa bb. '.repeat(n)}End.`;
    // A paragraph end at 60 % beats the sentence ends after it.
    expect(bodies(splitLetter(`${para(8)}\n\n${para(20)}`, 100))[0]).toBe(para(8));
    // A paragraph end in the first half is too early: the sentence end latest in the part wins.
    const early = bodies(splitLetter(`${para(2)}\n\n${para(30)}`, 100))[0]!;
    expect(early.startsWith(`${para(2)}\n\n`)).toBe(true);
    expect(early.endsWith('bb.')).toBe(true);
    expect(codePointLength(early)).toBeGreaterThan(85);
    // A line end beats sentence ends.
    expect(bodies(splitLetter(`${para(9)}\n${para(20)}`, 100))[0]).toBe(para(9));
    // Sentence ends beat spaces; a space beats cutting a word.
    const sentences = bodies(splitLetter(`${'One two three four five six seven. '.repeat(6)}`, 100));
    for (const body of sentences.slice(0, -1)) expect(body.endsWith('seven.')).toBe(true);
    const spaces = bodies(splitLetter('lorem ipsum dolor '.repeat(20), 100));
    for (const body of spaces.slice(0, -1)) expect(body).toMatch(/(lorem|ipsum|dolor)$/);
  });

  it('cuts scripts without spaces at word boundaries, and a word longer than a part between graphemes', () => {
    const thai = 'สวัสดีครับผมชื่อสมชาย'.repeat(30);
    const { parts } = checkSplit(thai, 100);
    const words = new Set([...new Intl.Segmenter('th', { granularity: 'word' }).segment(thai)].map((s) => s.index));
    let at = 0;
    for (const body of bodies(parts)) {
      at += body.length;
      expect(words.has(at) || at === thai.length).toBe(true);
    }
    const word = 'x'.repeat(250);
    expect(bodies(splitLetter(word, 100)).map((b) => b.length)).toEqual([94, 94, 62]);
  });

  it('never cuts an emoji sequence, a flag or a combining sequence', () => {
    for (const unit of ['👩‍👩‍👧‍👦', '🇳🇱', '👍🏽', '🏳️‍🌈', 'e\u0301\u0302']) {
      const text = unit.repeat(200);
      const { parts } = checkSplit(text, 100);
      for (const body of bodies(parts)) expect(body.replaceAll(unit, '')).toBe('');
    }
  });

  it('cuts a single grapheme cluster longer than a part between code points, never inside a pair', () => {
    const zalgo = `a${'\u0301'.repeat(150)}${'😀'.repeat(3)}`;
    const parts = splitLetter(zalgo, 50);
    for (const part of parts) expect(codePointLength(part)).toBeLessThanOrEqual(50);
    expect(bodies(parts).join('').replace(/^a/, '')).toBe(`${'\u0301'.repeat(150)}${'😀'.repeat(3)}`);
  });

  it('widens the label when the parts reach ten and a hundred', () => {
    const text = 'word '.repeat(30_000);
    const { parts } = checkSplit(text, 2000);
    expect(parts.length).toBeGreaterThan(75);
    const many = checkSplit('ab '.repeat(2000), 40).parts;
    expect(many.length).toBeGreaterThan(100);
    expect(many[0]).toMatch(/^\(1\/\d{3}\) /);
    expect(many.at(-1)).toMatch(/^\((\d{3})\/\1\) /);
  });

  it('refuses a limit with no room for a label', () => {
    expect(() => splitLetter('text', 10)).toThrow(RangeError);
    expect(() => splitLetter('text', 2000.5)).toThrow(RangeError);
  });
});
