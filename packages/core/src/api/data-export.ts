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
  /**
   * Only in the zip (GET /api/v1/me/export.zip): every file the account holds whole, and where it lies in the zip
   * (`files/<message id>/<name>`, the name made safe for any file system and numbered when a message has two alike).
   */
  files?: ExportedFile[];
}

export interface ExportedFile {
  messageId: string;
  attachmentId: string;
  name: string;
  contentType: string;
  size: number;
  /** SHA-256 (hex) of the file, as the zip holds it. */
  sha256: string | null;
  path: string;
}
