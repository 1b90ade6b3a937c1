/**
 * Search ignores case and accents: `CAFE` finds `café`, `zoe` finds `Zoë`. Both sides are folded
 * the same way: canonical decomposition (NFD), combining marks dropped, lower case.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** True when `text` contains `query`, both folded (an empty query matches nothing). */
export function matchesSearch(text: string, query: string): boolean {
  const needle = foldForSearch(query.trim());
  return needle !== '' && foldForSearch(text).includes(needle);
}

/**
 * Where the folded `query` occurs in `text`, as [start, end) ranges of the original `text` (for
 * highlighting): each character of `text` is folded alone, so a match maps back to the characters
 * it came from, accents included.
 */
export function searchMatchRanges(text: string, query: string): Array<[number, number]> {
  const needle = foldForSearch(query.trim());
  if (!needle) return [];
  let folded = '';
  /** For each UTF-16 unit of `folded`, the index in `text` of the character it came from. */
  const origin: number[] = [];
  let index = 0;
  for (const character of text) {
    const piece = foldForSearch(character);
    folded += piece;
    for (let i = 0; i < piece.length; i++) origin.push(index);
    index += character.length;
  }
  const ranges: Array<[number, number]> = [];
  for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
    const start = origin[at] as number;
    ranges.push([start, characterEnd(text, origin[at + needle.length - 1] as number)]);
  }
  return ranges;
}

/** The end of the character starting at `index`, with the combining marks that follow it. */
function characterEnd(text: string, index: number): number {
  let end = index + ((text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1);
  while (end < text.length && /\p{M}/u.test(text[end] as string)) end++;
  return end;
}
