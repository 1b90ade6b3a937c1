import type { PushPayload } from '@openmsg/core';

/** The longest text a notification shows (code points). */
export const PREVIEW_CODE_POINTS = 200;
/**
 * The name is cut too, so that a payload stays far below the 4096 bytes push services take even escaped at worst
 * (a control character is 6 bytes of JSON): 200 + 100 code points are at most 1800 bytes, the rest about 250, and
 * aes128gcm adds 86 bytes of header, a pad byte and a 16-byte tag.
 */
const NAME_CODE_POINTS = 100;

export interface PushMessage {
  conversationId: string;
  messageId: string;
  from: string;
  text: string;
  files: number;
  sentAt: Date;
}

/** The notification's JSON: the text only with previews, cut at a code point (never inside a surrogate pair). */
export function pushPayload(message: PushMessage, previews: boolean): string {
  const payload: PushPayload = {
    kind: 'message',
    conversationId: message.conversationId,
    messageId: message.messageId,
    from: cut(message.from, NAME_CODE_POINTS),
    text: previews ? cut(message.text, PREVIEW_CODE_POINTS) : null,
    files: message.files,
    sentAt: message.sentAt.toISOString(),
  };
  return JSON.stringify(payload);
}

function cut(text: string, codePoints: number): string {
  const points = [...text];
  return points.length <= codePoints ? text : points.slice(0, codePoints).join('');
}
