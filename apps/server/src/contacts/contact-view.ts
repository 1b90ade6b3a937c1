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
    createdAt: row.createdAt.toISOString(),
  };
}
