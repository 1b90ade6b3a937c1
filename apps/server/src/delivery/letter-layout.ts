import { splitLetter } from '@openmsg/core';
import { messageNonce, partNonce } from './message-nonce';

/** One v1.0 message of a message sent in parts, with its place (Message.partsSent counts up to it) and its nonce. */
export interface LetterPart {
  index: number;
  text: string;
  nonce: Uint8Array;
}

/**
 * A message toward a node without files-1 (docs/extensions/files.md §2, §6): its text in labelled parts of at most
 * `maxChars` code points, then its files' link lines. Index 0 is the text as a whole message would carry it (a text
 * that fits goes unchanged, with the message's own nonce, exactly as before files existed); the link messages start
 * at 1 when there is no text, so that a files-1 message whose receiver dropped the extension (its text, maybe
 * empty, stored as index 0) continues with its links at {@link firstLinkIndex}.
 */
export function letterParts(
  messageId: string,
  text: string,
  linkTexts: readonly string[],
  maxChars: number,
): LetterPart[] {
  const textParts = text.length === 0 ? [] : splitLetter(text, maxChars);
  const parts: LetterPart[] =
    textParts.length === 1
      ? [{ index: 0, text: textParts[0]!, nonce: messageNonce(messageId) }]
      : textParts.map((part, k) => ({
          index: k,
          text: part,
          nonce: partNonce(messageId, `text ${k + 1}/${textParts.length} max ${maxChars}`),
        }));
  const start = Math.max(textParts.length, 1);
  linkTexts.forEach((part, j) =>
    parts.push({
      index: start + j,
      text: part,
      nonce: partNonce(messageId, `links ${j + 1}/${linkTexts.length} max ${maxChars}`),
    }),
  );
  return parts;
}

/** Where the links start (see {@link letterParts}). */
export function firstLinkIndex(text: string, maxChars: number): number {
  return text.length === 0 ? 1 : Math.max(splitLetter(text, maxChars).length, 1);
}
