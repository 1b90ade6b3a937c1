import { apiErrorCodeForStatus, type ApiErrorCode, isApiErrorCode } from '@openmsg/core/api';

/**
 * The sentence for an upload the node refused, from its answer (the client API's error body, or only a status
 * where the tus layer answered by itself), or null for no answer at all (offline, the node down).
 */
export function uploadErrorSentence(name: string, answer: { status: number; body: string } | null): string {
  if (!answer || answer.status === 0)
    return `${name} did not upload: your node could not be reached. Retry when you are back online.`;
  const code = errorCodeOf(answer);
  switch (code) {
    case 'attachment_too_large':
    case 'payload_too_large':
      return `${name} is too big for your node. Send a smaller file, or share it another way.`;
    case 'quota_full':
      return `Your storage for files is full: ${name} does not fit. Delete messages with files you no longer need.`;
    case 'node_storage_full':
      return `Your node has no room for ${name} now. Try again later, or tell the operator of your node.`;
    case 'file_name_invalid':
      return `The name “${name}” cannot be sent (no slashes, control or direction characters). Rename the file and attach it again.`;
    case 'files_disabled':
      return 'Your node does not take files: send the text only.';
    case 'unauthenticated':
      return `${name} did not upload: you are signed out. Sign in again.`;
    case 'csrf_failed':
      return `${name} did not upload: reload the page and attach it again.`;
    case 'database_unavailable':
    case 'storage_full':
    case 'storage_read_only':
    case 'service_unavailable':
      return `${name} did not upload: your node cannot save files right now. Retry in a moment.`;
    default:
      return `${name} did not upload (${answer.status}). Retry, or remove it.`;
  }
}

function errorCodeOf(answer: { status: number; body: string }): ApiErrorCode {
  try {
    const body = JSON.parse(answer.body) as { error?: unknown };
    if (isApiErrorCode(body.error)) return body.error;
  } catch {
    // Not the client API's error body: the tus layer's own answer. Its status says enough.
  }
  if (answer.status === 413) return 'attachment_too_large';
  if (answer.status === 507) return 'node_storage_full';
  return apiErrorCodeForStatus(answer.status);
}
