import { Injectable } from '@nestjs/common';
import { DATA_EXPORT_FORMAT, type ExportedFile } from '@openmsg/core';
import { AccountsService } from '../accounts/accounts.service';
import type { AuthenticatedAccount } from '../http/api-auth.guard';
import { ContactsService } from '../contacts/contacts.service';
import { messageView } from '../messages/message-view';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { type ExportPosition, ExportRepository } from './export.repository';

/** Messages read and written per step: the memory an export holds at once, whatever the account's size. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * The user's data as one JSON document (DataExport of @openmsg/core), produced piece by piece:
 * the account and contacts first, then the messages a page at a time, texts opened (not the
 * ciphertext at rest). The caller writes each piece before asking for the next.
 */
@Injectable()
export class DataExportService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly exportRows: ExportRepository,
    private readonly keys: NodeKeysService,
  ) {}

  fileName(now = new Date()): string {
    return `openmsg-export-${now.toISOString().slice(0, 10)}.json`;
  }

  async *pieces(
    account: AuthenticatedAccount,
    now = new Date(),
    files?: AsyncIterable<ExportedFile>,
  ): AsyncGenerator<string> {
    const head = {
      format: DATA_EXPORT_FORMAT,
      exportedAt: now.toISOString(),
      account: this.accounts.view(account),
      contacts: await this.contacts.list(account.id),
    };
    yield `${JSON.stringify(head).slice(0, -1)},"messages":[`;
    let after: ExportPosition | undefined;
    let first = true;
    for (;;) {
      const page = await this.exportRows.messagesAfter(account.id, EXPORT_PAGE_SIZE, after);
      if (page.length === 0) break;
      const items = page.map((row) => JSON.stringify(messageView(row, (body) => this.keys.openBody(body))));
      yield `${first ? '' : ','}\n${items.join(',\n')}`;
      first = false;
      after = page[page.length - 1];
      if (page.length < EXPORT_PAGE_SIZE) break;
    }
    yield '\n]';
    if (files) {
      yield ',"files":[';
      let firstFile = true;
      for await (const file of files) {
        yield `${firstFile ? '' : ','}\n${JSON.stringify(file)}`;
        firstFile = false;
      }
      yield '\n]';
    }
    yield '}\n';
  }
}
