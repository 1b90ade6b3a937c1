import { Fragment } from 'react';
import { searchMatchRanges, withoutBidiControls } from '@openmsg/core/api';

/**
 * `text` (without direction controls, see LinkifiedText) with each occurrence of `term` in a
 * <mark>, case and accents ignored as the search does (`cafe` marks `Café`); React text nodes only.
 */
export function HighlightedText({ text: received, term }: { text: string; term: string }) {
  const text = withoutBidiControls(received);
  const parts: Array<{ text: string; match: boolean }> = [];
  let from = 0;
  for (const [start, end] of searchMatchRanges(text, term)) {
    if (start > from) parts.push({ text: text.slice(from, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    from = end;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return (
    <>
      {parts.map((part, index) =>
        part.match ? (
          <mark key={index} className="rounded-sm bg-amber-200 text-inherit dark:bg-amber-700/60">
            {part.text}
          </mark>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
