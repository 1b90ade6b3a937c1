import { codePointLength } from './encoding';

export const MAX_DISPLAY_NAME_LENGTH = 40;
/** Letters, digits, spaces and the punctuation real names carry: ' ’ - . , & ( ). No control or bidi characters. */
const DISPLAY_NAME_PATTERN = /^[\p{L}\p{M}\p{N} '\u2019\-.,&()]+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
export const DISPLAY_NAME_RULE = `1-${MAX_DISPLAY_NAME_LENGTH} letters, digits, spaces and ' - . , & ( )`;

/** A display name this node lets its own users choose (docs/PROTOCOL.md "Display name"), e.g. `Dan O'Neil`, `Smith & Co.`. */
export function isValidDisplayName(name: string): boolean {
  return (
    typeof name === 'string' &&
    codePointLength(name) <= MAX_DISPLAY_NAME_LENGTH &&
    DISPLAY_NAME_PATTERN.test(name) &&
    HAS_LETTER_OR_DIGIT.test(name)
  );
}

/**
 * Peers are not all this strict, so a name that arrives from another node is only cleaned up for
 * display: control characters removed, white space collapsed, cut to 40 code points. Null if empty.
 */
export function sanitizePeerDisplayName(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const cleaned = withoutBidiControls(name)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length === 0) return null;
  return Array.from(cleaned).slice(0, MAX_DISPLAY_NAME_LENGTH).join('').trim();
}

/**
 * Text from others without the explicit direction controls: embeddings and overrides (U+202A-U+202E)
 * and isolates (U+2066-U+2069). An override (U+202E) shows what follows it reversed, so
 * "invoice\u202Efdp.exe" reads "invoiceexe.pdf"; without them the letters' own direction applies.
 * Names lose them when they arrive; message text when it is shown.
 */
export function withoutBidiControls(text: string): string {
  return text.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
}
