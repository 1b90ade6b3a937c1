import type { AttachmentFailureCode, AttachmentState, AttachmentView } from '@openmsg/core';
import { ATTACHMENT_FAILURE_CODES } from '@openmsg/core';
import type { StoredAttachment } from './attachments.repository';

const STATES: readonly AttachmentState[] = ['uploading', 'ready', 'delivered', 'refused', 'fetching', 'stored'];

/** The column is a string (SQLite has no enums); only the repositories write it, with one of these. */
function attachmentState(state: string): AttachmentState {
  const known = STATES.find((candidate) => candidate === state);
  if (!known) throw new Error(`unknown attachment state in the database: ${state}`);
  return known;
}

function failureCode(code: string | null): AttachmentFailureCode | null {
  return ATTACHMENT_FAILURE_CODES.find((candidate) => candidate === code) ?? null;
}

/**
 * Bytes done for the progress bar: an upload's or a fetch's bytes held; a sent file's bytes the other node has
 * fetched (a received file has the sender's id in remoteId); the whole size once done.
 */
function progressBytes(row: StoredAttachment): number {
  switch (row.state) {
    case 'delivered':
    case 'stored':
      return row.size;
    case 'ready':
      return row.messageId === null ? row.storedBytes : Math.min(row.size, row.servedChunks * row.chunkSize);
    default:
      return row.remoteId === null && row.state === 'refused'
        ? Math.min(row.size, row.servedChunks * row.chunkSize)
        : row.storedBytes;
  }
}

/** The client API's view of a stored attachment. */
export function attachmentView(row: StoredAttachment): AttachmentView {
  return {
    id: row.id,
    messageId: row.messageId,
    name: row.name,
    contentType: row.contentType,
    size: row.size,
    width: row.width,
    height: row.height,
    createdAt: row.createdAt.toISOString(),
    state: attachmentState(row.state),
    failureCode: failureCode(row.failureCode),
    progressBytes: progressBytes(row),
    hasThumbnail: row.hasThumbnail,
  };
}
