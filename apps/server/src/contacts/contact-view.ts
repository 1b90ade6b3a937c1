import type { Contact, PeerCapabilities } from '@openmsg/core';
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
  /** What the contact's node takes (PeerExtensionsService.capabilitiesOf). */
  peer: PeerCapabilities,
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
    peer,
  };
}
