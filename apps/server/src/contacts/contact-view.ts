import type { Contact } from '@openmsg/core';

interface ConnectionRow {
  id: string;
  otherAddress: string;
  otherName: string | null;
  localName: string | null;
  blocked: boolean;
  otherAcceptsMessages: boolean;
  createdAt: Date;
}

/** What a user sees of a connection: never its secrets. */
export function contactView(row: ConnectionRow): Contact {
  return {
    id: row.id,
    address: row.otherAddress,
    name: row.localName || row.otherName || row.otherAddress,
    otherName: row.otherName,
    localName: row.localName,
    blocked: row.blocked,
    acceptsMessages: row.otherAcceptsMessages,
    // Stand-in until conversations have their own table (issue 15): a 1:1 conversation's id is its contact's.
    conversationId: row.id,
    createdAt: row.createdAt.toISOString(),
  };
}
