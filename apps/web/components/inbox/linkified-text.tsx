import { Fragment } from 'react';
import { withoutBidiControls } from '@openmsg/core/api';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

/**
 * Message text as React text nodes, with web links made clickable. Never parsed as HTML. Direction
 * controls are dropped: an override would show the rest of the text, link text included, reversed.
 */
export function LinkifiedText({ text: received }: { text: string }) {
  const text = withoutBidiControls(received);
  const parts: Array<string | { url: string }> = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push({ url: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, index) =>
        typeof part === 'string' ? (
          <Fragment key={index}>{part}</Fragment>
        ) : (
          <a
            key={index}
            href={part.url}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="break-all underline"
          >
            {part.url}
          </a>
        ),
      )}
    </>
  );
}
