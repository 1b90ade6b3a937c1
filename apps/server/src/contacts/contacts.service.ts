import { Injectable } from '@nestjs/common';
import { type Contact, matchesSearch, type UpdateContactRequest } from '@openmsg/core';
import type { AuthenticatedAccount } from '../http/api-auth.guard';
import { ConnectionsRepository } from '../connections/connections.repository';
import { EventBus } from '../events/event-bus';
import { ConnectError, HandshakeInitiatorService } from '../handshake/handshake-initiator.service';
import { ApiException } from '../http/api-error';
import { PeerExtensionsService } from '../peer-extensions/peer-extensions.service';
import { contactView } from './contact-view';

/** A user's contacts: the connections made by handshakes, as the user sees and manages them. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly connections: ConnectionsRepository,
    private readonly handshakes: HandshakeInitiatorService,
    private readonly events: EventBus,
    private readonly extensions: PeerExtensionsService,
  ) {}

  async list(accountId: string): Promise<Contact[]> {
    const rows = await this.connections.listForAccount(accountId);
    const peers = await this.extensions.capabilitiesOfMany(rows.map((row) => row.otherAddress));
    return rows.map((row) => contactView(row, peers.get(row.otherAddress)!));
  }

  /**
   * Contacts whose shown name, own name, local name or address contains the words, case and accents
   * ignored, newest first, at most `limit`. Names are matched here rather than in SQL: the folding
   * (NFD, marks dropped) is the same as the message search's and the same on both databases, and a
   * user's contacts are few enough to read in one query.
   */
  async search(accountId: string, query: string, limit: number): Promise<Contact[]> {
    const found: Contact[] = [];
    for (const contact of await this.list(accountId)) {
      if (
        [contact.name, contact.otherName, contact.localName, contact.address].some(
          (field) => field !== null && matchesSearch(field, query),
        )
      )
        found.push(contact);
      if (found.length === limit) break;
    }
    return found;
  }

  async get(accountId: string, id: string): Promise<Contact> {
    const row = await this.connections.findOwned(accountId, id);
    if (!row) throw notFound();
    return contactView(row, await this.extensions.capabilitiesOf(row.otherAddress));
  }

  /** Runs the handshake with the other node; its failures become errors the user can act on. */
  async connect(account: AuthenticatedAccount, address: string, passCode: string): Promise<Contact> {
    try {
      const row = await this.handshakes.connect(account, address, passCode);
      return contactView(row, await this.extensions.capabilitiesOf(row.otherAddress));
    } catch (error) {
      if (error instanceof ConnectError) throw error.toApiException();
      throw error;
    }
  }

  /** Renaming is local; blocking makes this node answer the contact's messages with SM_E002. */
  async update(accountId: string, id: string, changes: UpdateContactRequest): Promise<Contact> {
    const localName = changes.localName === undefined ? undefined : changes.localName?.trim() || null;
    if (!(await this.connections.updateOwned(accountId, id, { localName, blocked: changes.blocked }))) throw notFound();
    this.events.emit({ type: 'contact.updated', accountId, contactId: id });
    return this.get(accountId, id);
  }

  /** The conversation goes with the contact. Reconnecting needs a new pass code. */
  async delete(accountId: string, id: string): Promise<void> {
    if (!(await this.connections.deleteOwned(accountId, id))) throw notFound();
    this.events.emit({ type: 'contact.deleted', accountId, contactId: id });
  }
}

function notFound() {
  return new ApiException('not_found', 'contact not found');
}
