import { Fragment } from 'react';
import { withoutBidiControls } from '@openmsg/core/api';

/** `text` (without direction controls, see LinkifiedText) with each case-insensitive occurrence of `term` in a <mark>; React text nodes only. */
export function HighlightedText({ text: received, term }: { text: string; term: string }) {
  const text = withoutBidiControls(received);
  const needle = term.trim().toLowerCase();
  if (!needle) return <>{text}</>;
  const parts: Array<{ text: string; match: boolean }> = [];
  const haystack = text.toLowerCase();
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
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
