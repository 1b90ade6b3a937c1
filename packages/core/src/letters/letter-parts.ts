import { graphemeSegments } from 'unicode-segmenter/grapheme';

/**
 * A letter longer than a v1.0 node takes, as ordered parts of at most `maxCodePoints` code points each, label
 * included: `(1/3) `, `(2/3) `, ... (docs/extensions/files.md §2). A part ends, by preference, at a paragraph end,
 * a line end, a sentence end, a space or a word boundary lying in the part's last half, else between two grapheme
 * clusters, so no character, combining sequence or emoji sequence is ever cut. Blanks at a cut are dropped:
 * no part starts or ends with blanks.
 */
export function splitLetter(text: string, maxCodePoints = DEFAULT_PART_CODE_POINTS): string[] {
  if (!Number.isInteger(maxCodePoints) || maxCodePoints < MIN_PART_CODE_POINTS) {
    throw new RangeError(`maxCodePoints must be an integer of at least ${MIN_PART_CODE_POINTS}`);
  }
  if (codePointsUpTo(text, 0, maxCodePoints + 1) <= maxCodePoints) return [text];
  const body = text.slice(skipBlanks(text, 0)).trimEnd();
  if (codePointsUpTo(body, 0, maxCodePoints + 1) <= maxCodePoints) return [body];
  // The label's width depends on the number of parts, which depends on the room the label leaves.
  for (let digits = 1; ; digits++) {
    const pieces = cutPieces(body, maxCodePoints - labelWidth(digits));
    if (String(pieces.length).length <= digits) {
      return pieces.map((piece, index) => `(${index + 1}/${pieces.length}) ${piece}`);
    }
  }
}

/** v1.0's limit on a message's text (PROTOCOL.md, "Interoperating"). */
export const DEFAULT_PART_CODE_POINTS = 2000;
/** Room for a three-digit label and some text: anything smaller is a caller's mistake. */
const MIN_PART_CODE_POINTS = 32;

/** `(12/34) `: the widest label for that many digits. */
function labelWidth(digits: number): number {
  return 4 + 2 * digits;
}

/** Word boundaries, for scripts written without spaces (Chinese, Japanese, Thai, ...). */
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * How far back from a part's end word boundaries are looked for, and past it for what follows. Kept small: V8's
 * segmenter costs time in proportion to its input for every segment it yields.
 */
const WORD_SEARCH_UNITS = 256;
const LOOKAHEAD_UNITS = 64;

/**
 * A sentence ends after `.`, `!`, `?` or `…` (and any closing quotes or brackets) followed by a blank and no
 * lowercase letter ("e.g. this" goes on), or after the ideographic full stop and its kin, which need no blank.
 */
const SENTENCE_END = /[.!?…‽]+["'”’»)\]]*(?=\s+(?!\p{Ll}))|[。！？｡]+["'”’」』)）]*/gu;

/** `body` starts and ends with no blanks; every piece has at most `budget` code points and none is empty. */
function cutPieces(body: string, budget: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < body.length) {
    const end = advanceCodePoints(body, start, budget);
    if (end >= body.length) {
      pieces.push(body.slice(start));
      break;
    }
    const cut = chooseCut(body, start, end, advanceCodePoints(body, start, Math.ceil(budget / 2)));
    pieces.push(body.slice(start, cut).trimEnd());
    start = skipBlanks(body, cut);
  }
  return pieces;
}

/** The best place to end the piece that starts at `start` and may reach `end` (both grapheme-safe UTF-16 offsets). */
function chooseCut(body: string, start: number, end: number, half: number): number {
  const boundaries = graphemeBoundaries(body, start, end);
  const latest = (candidates: Iterable<number>) => {
    let found = -1;
    for (const at of candidates) if (at >= half && at <= end && at > found && boundaries.has(at)) found = at;
    return found;
  };

  const blankRuns = [...body.slice(half, end).matchAll(BREAKING_BLANKS)].map((run) => ({
    at: half + run.index,
    // The whole run, which may go on past the part's end.
    blanks: /^\s+/.exec(body.slice(half + run.index, half + run.index + 64))![0],
  }));
  const paragraphEnd = latest(blankRuns.filter((run) => /\n[^\S\n]*\n/.test(run.blanks)).map((run) => run.at));
  if (paragraphEnd > 0) return paragraphEnd;
  const lineEnd = latest(blankRuns.filter((run) => /[\n\r\u2028\u2029]/.test(run.blanks)).map((run) => run.at));
  if (lineEnd > 0) return lineEnd;
  const lookahead = body.slice(half, Math.min(body.length, end + LOOKAHEAD_UNITS));
  const sentenceEnd = latest([...lookahead.matchAll(SENTENCE_END)].map((m) => half + m.index + m[0].length));
  if (sentenceEnd > 0) return sentenceEnd;
  const space = latest(blankRuns.map((run) => run.at));
  if (space > 0) return space;
  const wordEnd = latest(wordBoundaries(body, Math.max(half, end - WORD_SEARCH_UNITS), end, boundaries));
  if (wordEnd > 0) return wordEnd;

  let lastBoundary = -1;
  for (const at of boundaries) if (at > start && at <= end) lastBoundary = Math.max(lastBoundary, at);
  // A single grapheme cluster longer than a whole part (thousands of combining marks) is cut between code points.
  return lastBoundary > 0 ? lastBoundary : end;
}

/** Word boundaries in (from, end], segmenting from a grapheme boundary at or after `from`. */
function wordBoundaries(body: string, from: number, end: number, graphemeStarts: Set<number>): number[] {
  let sliceStart = from;
  while (sliceStart < end && !graphemeStarts.has(sliceStart)) sliceStart++;
  const found: number[] = [];
  for (const segment of words.segment(body.slice(sliceStart, Math.min(body.length, end + LOOKAHEAD_UNITS)))) {
    const at = sliceStart + segment.index;
    if (at > end) break;
    // Where the slice starts is no word boundary for sure.
    if (at > sliceStart) found.push(at);
  }
  return found;
}

/** UTF-16 offsets in [start, end] where a grapheme cluster starts (or the text ends). */
function graphemeBoundaries(body: string, start: number, end: number): Set<number> {
  // Whether `end` is a boundary depends on the code point that follows it: segment one more.
  const sliceEnd = end < body.length ? advanceCodePoints(body, end, 1) : end;
  const boundaries = new Set<number>();
  for (const segment of graphemeSegments(body.slice(start, sliceEnd))) {
    const at = start + segment.index;
    if (at <= end) boundaries.add(at);
  }
  if (sliceEnd === body.length) boundaries.add(body.length);
  return boundaries;
}

/** Spaces one may break a line at (not U+00A0, U+2007, U+202F, U+FEFF, which exist not to be broken at). */
const BREAKING_BLANKS = /[\t\n\v\f\r \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+/g;

/** Past the blanks at `at`, but never leaving a combining mark or joiner without the character it belongs to. */
function skipBlanks(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) {
    const next = text.codePointAt(i + 1);
    if (next !== undefined && attachesToPrevious(next)) break;
    i++;
  }
  return i;
}

/** Combining marks, joiners, skin tone modifiers and emoji tags. */
function attachesToPrevious(codePoint: number): boolean {
  return (
    /\p{M}/u.test(String.fromCodePoint(codePoint)) ||
    codePoint === 0x200c ||
    codePoint === 0x200d ||
    (codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) ||
    (codePoint >= 0xe0020 && codePoint <= 0xe007f)
  );
}

/** The UTF-16 offset `count` code points after `from` (or the text's end). */
function advanceCodePoints(text: string, from: number, count: number): number {
  let i = from;
  for (let n = 0; n < count && i < text.length; n++) {
    const unit = text.charCodeAt(i);
    const isPair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length;
    i += isPair && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Code points of text[from..], counting stops at `limit` (a 64,000-character letter is not walked for nothing). */
function codePointsUpTo(text: string, from: number, limit: number): number {
  let count = 0;
  let i = from;
  while (i < text.length && count < limit) {
    i = advanceCodePoints(text, i, 1);
    count++;
  }
  return count;
}
