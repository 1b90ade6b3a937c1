import { z } from 'zod';
import type { Attachment } from './generated/models';
import type { ViewOf } from './common';
import { FILES_1_REFUSAL_REASONS, type Files1RefusalReason } from '../files-1/refusal-reasons';

/**
 * Uploads are tus 1.0 (https://tus.io/protocols/resumable-upload) at this path, under the client API's auth
 * (session cookie with its CSRF header, or an access token): `POST` with `Upload-Length` and `Upload-Metadata`
 * (`filename`, `filetype`, and `keepLocation` = "1" to keep an image's location metadata) creates one, `PATCH`
 * appends, `HEAD` tells the offset to resume from, `DELETE` cancels. A finished upload is an attachment in state
 * `ready`, owned by the account and not yet sent: its id goes in `attachments` of POST /api/v1/messages (the last
 * segment of the upload's URL, the `Location` of the POST). The node stores whole chunks of 262,144 bytes: a PATCH
 * must end at a multiple of that or at the file's end (tus-js-client: leave `chunkSize` unset, or a multiple of
 * 262,144); an interrupted one keeps the whole chunks before the cut, and a HEAD tells where to resume. Refusals carry
 * the client API's error body (JSON): `attachment_too_large` and `quota_full` (413), `node_storage_full` (507),
 * `file_name_invalid` (400), `files_disabled` (403), `not_found` (404, also for another account's upload).
 */
export const UPLOADS_PATH = '/api/v1/uploads';

/** tus `Upload-Metadata` keys the node reads. */
export const UPLOAD_METADATA = { name: 'filename', type: 'filetype', keepLocation: 'keepLocation' } as const;

/**
 * A file's state. Outgoing: `uploading` → `ready` (held here, not sent yet or sent and not yet fetched) →
 * `delivered` (the other node holds it, hash verified) or `refused` (it would not take it: `failureCode`).
 * Toward a node without files-1 a sent file stays `ready`: it went as a link. Incoming: `fetching` → `stored`,
 * or `refused` (too large, quota full, hash mismatch, gone: `failureCode`).
 */
export type AttachmentState = 'uploading' | 'ready' | 'delivered' | 'refused' | 'fetching' | 'stored';

/** Why a file was not taken: the receipt's `reason` (docs/extensions/files.md §8), the same words on both sides. */
export const ATTACHMENT_FAILURE_CODES = FILES_1_REFUSAL_REASONS;
export type AttachmentFailureCode = Files1RefusalReason;

/** A file as the inbox shows it, inside its MessageView (or alone, for an upload). */
export interface AttachmentView extends ViewOf<
  Attachment,
  'id' | 'name' | 'contentType' | 'size' | 'width' | 'height' | 'createdAt'
> {
  messageId: string | null;
  state: AttachmentState;
  failureCode: AttachmentFailureCode | null;
  /**
   * Bytes done, for a progress bar: while uploading, the bytes the node holds; outgoing after sending, the
   * bytes the other node has fetched; incoming, the bytes fetched so far. Equal to `size` when done.
   */
  progressBytes: number;
  /** A preview can be had at GET /api/v1/attachments/:id/thumbnail (images the node could decode). */
  hasThumbnail: boolean;
}

/** What this node takes (GET /api/v1/node), null when files are switched off. */
export interface NodeFileLimits {
  maxFileBytes: number;
  maxFilesPerMessage: number;
  /** Each account's quota for the files it sends and receives. */
  accountQuotaBytes: number;
}

/** GET /api/v1/me/storage */
export interface FileQuotaUsage {
  usedBytes: number;
  quotaBytes: number;
}

/**
 * What a contact's node takes, as it last announced (docs/extensions/files.md §1): `files` false for a node
 * without files-1 (the reference, or files switched off there), whose users get each file as a download link and
 * long text in parts of 2000 characters.
 */
export interface PeerCapabilities {
  files: boolean;
  /** The longest text one message to this contact can carry; a longer one is sent in labelled parts. */
  maxTextChars: number;
  /** The largest file the contact's node takes; null without files-1 (a link has no limit but ours). */
  maxFileBytes: number | null;
}

/** GET /api/v1/attachments/:id/content?disposition=inline: only images the node made a preview of are inline. */
export const attachmentContentQuerySchema = z.object({
  disposition: z.enum(['attachment', 'inline']).default('attachment'),
});
export type AttachmentContentQuery = z.input<typeof attachmentContentQuerySchema>;

/** GET /api/v1/shared-files/:token: the public page a link in a v1.0 message opens (docs/extensions/files.md §6). */
export interface SharedFileView {
  name: string;
  contentType: string;
  size: number;
  /** Who sent it, as their address. */
  from: string;
  /** Their display name. */
  fromName: string;
  expiresAt: string;
}
