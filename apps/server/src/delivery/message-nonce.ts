import { createHash } from 'node:crypto';

const NONCE_BYTES = 24;

/**
 * The nonce every attempt of one message seals with, derived from the message's ID. The same
 * nonce each time lets a receiver with replay protection recognise a message it already stored
 * and answer SM_E007 instead of storing it twice; deriving it (rather than drawing it once and
 * storing it) costs no write and holds for every row, old ones included. It stays the same when a
 * new handshake changes the connection's key: the package then differs, the nonce does not, so the
 * receiver (which keeps its connection row and spent nonces across handshakes) still recognises
 * it. A nonce only has to be unique per key for XSalsa20-Poly1305, and message IDs are unique.
 */
export function messageNonce(messageId: string): Uint8Array {
  return createHash('sha256').update(`openmsg message nonce\0${messageId}`).digest().subarray(0, NONCE_BYTES);
}

/**
 * The nonce of one part when a message goes as several v1.0 messages (a long letter's labelled parts, then its
 * files' links: docs/extensions/files.md §2, §6). `part` names the part and the layout it belongs to ("text 2/3
 * max 2000"), so a nonce never seals two different texts: the same part of the same layout is the same text at
 * every retry (and a receiver of ours answers SM_E007 to a part it holds), and a text split differently gets
 * other nonces. A message that goes whole keeps {@link messageNonce}.
 */
export function partNonce(messageId: string, part: string): Uint8Array {
  return createHash('sha256')
    .update(`openmsg message part nonce\0${messageId}\0${part}`)
    .digest()
    .subarray(0, NONCE_BYTES);
}
