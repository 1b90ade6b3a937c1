import type { Me } from './account';
import type { Contact } from './contacts';
import type { MessageView } from './messages';

export const DATA_EXPORT_FORMAT = 'openmsg-export-1';

/** GET /api/v1/me/export: the user's account, contacts and every message (opened text), oldest first. */
export interface DataExport {
  format: typeof DATA_EXPORT_FORMAT;
  exportedAt: string;
  account: Me;
  contacts: Contact[];
  messages: MessageView[];
}
