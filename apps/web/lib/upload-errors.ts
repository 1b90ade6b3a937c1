import { apiErrorCodeForStatus, type ApiErrorCode, isApiErrorCode } from '@openmsg/core/api';
import type { Translator } from '@/i18n/translator';

/**
 * The sentence for an upload the node refused, from its answer (the client API's error body, or only a status
 * where the tus layer answered by itself), or null for no answer at all (offline, the node down).
 */
export function uploadErrorSentence(
  name: string,
  answer: { status: number; body: string } | null,
  t: Translator<'files'>,
): string {
  if (!answer || answer.status === 0) return t('upload.offline', { name });
  const code = errorCodeOf(answer);
  switch (code) {
    case 'attachment_too_large':
    case 'payload_too_large':
      return t('upload.tooLarge', { name });
    case 'quota_full':
      return t('upload.quotaFull', { name });
    case 'node_storage_full':
      return t('upload.nodeFull', { name });
    case 'file_name_invalid':
      return t('upload.badName', { name });
    case 'files_disabled':
      return t('noFiles');
    case 'unauthenticated':
      return t('upload.signedOut', { name });
    case 'csrf_failed':
      return t('upload.reload', { name });
    case 'database_unavailable':
    case 'storage_full':
    case 'storage_read_only':
    case 'service_unavailable':
      return t('upload.cannotSave', { name });
    default:
      return t('upload.failed', { name, status: String(answer.status) });
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
