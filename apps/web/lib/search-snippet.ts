import { searchMatchRanges, withoutBidiControls } from '@openmsg/core/api';

/**
 * The part of a long text where `term` first matches, so that a two-line result shows its mark:
 * the text from a little before the match, after "…" (the whole text when the match is near the start).
 */
export function snippetAround(received: string, term: string, lead = 30): string {
  const text = withoutBidiControls(received);
  const first = searchMatchRanges(text, term)[0];
  if (!first || first[0] <= lead + 10) return text;
  const start = first[0] - lead;
  // From the start of a word when one begins shortly before, else mid-word (a long token).
  const space = text.lastIndexOf(' ', start);
  const from = space >= 0 && start - space < 15 ? space + 1 : start;
  return `…${text.slice(from)}`;
}

/** The names of a result's files that the search matched (search finds file names too), in the message's order. */
export function matchingFileNames(attachments: ReadonlyArray<{ name: string }>, term: string): string[] {
  return attachments.map((attachment) => attachment.name).filter((name) => searchMatchRanges(name, term).length > 0);
}
