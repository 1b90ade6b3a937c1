import type { Contact } from '@openmsg/core';
import type { Connection, Conversation } from '@openmsg/db';

/** What a user sees of a connection: never its secrets. */
export function contactView(
  row: Pick<
    Connection,
    | 'id'
    | 'otherAddress'
    | 'otherName'
    | 'localName'
    | 'blocked'
    | 'otherAcceptsMessages'
    | 'peerForgotAt'
    | 'createdAt'
  > & {
    conversationId: Conversation['id'];
  },
): Contact {
  return {
    id: row.id,
    address: row.otherAddress,
    name: row.localName || row.otherName || row.otherAddress,
    otherName: row.otherName,
    localName: row.localName,
    blocked: row.blocked,
    acceptsMessages: row.otherAcceptsMessages,
    peerForgotAt: row.peerForgotAt?.toISOString() ?? null,
    conversationId: row.conversationId,
    createdAt: row.createdAt.toISOString(),
    // Until the peer's announcement is read (files-1, docs/extensions/files.md §1): what a v1.0 node takes.
    peer: { files: false, maxTextChars: 2000, maxFileBytes: null },
  };
}
