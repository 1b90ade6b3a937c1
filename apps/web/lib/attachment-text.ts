import type { AttachmentFailureCode, AttachmentView, MessageView } from '@openmsg/core/api';
import type { Translator } from '@/i18n/translator';
import { formatBytes } from './format-bytes';

/** What the file lines say, in the reader's language: the `files` namespace's translate function and its locale. */
export interface FilesText {
  t: Translator<'files'>;
  locale: string;
}

/** Whole per cent done, 100 only when every byte is there (a bar never shows done before it is). */
export function progressPercent(done: number, total: number): number {
  if (total <= 0) return done >= total ? 100 : 0;
  if (done >= total) return 100;
  return Math.min(99, Math.max(0, Math.floor((done / total) * 100)));
}

/** "1.2 MB of 2.4 MB (50%)" */
export function progressText(done: number, total: number, { t, locale }: FilesText): string {
  return t('progress', {
    done: formatBytes(Math.min(done, total), locale),
    total: formatBytes(total, locale),
    percent: progressPercent(done, total) / 100,
  });
}

/**
 * Why a file was not taken, said for the sender (`refusedOut.<code>`: the contact's node refused it, `{name}` for
 * the contact) or for the receiver (`refusedIn.<code>`). A Record over every code, so a new one fails the typecheck.
 */
const REFUSED: Record<AttachmentFailureCode, AttachmentFailureCode> = {
  too_large: 'too_large',
  quota_full: 'quota_full',
  hash_mismatch: 'hash_mismatch',
  manifest_invalid: 'manifest_invalid',
  gone: 'gone',
  expired: 'expired',
};

/** What a file's status line says, and the progress to draw, or null when there is nothing to add. */
export interface AttachmentStatus {
  kind: 'progress' | 'refused' | 'link' | 'done';
  text: string;
  /** Per cent for a bar, only while bytes move. */
  percent: number | null;
}

/**
 * The line under a file in a bubble. Outgoing: the other node fetching it (progress), delivered (it holds it, hash
 * checked), refused with its reason, or sent as a download link (a contact whose node has no files-1). Incoming: fetching
 * (progress), refused with its reason, nothing once stored.
 */
export function attachmentStatus(
  attachment: AttachmentView,
  message: Pick<MessageView, 'direction' | 'state'>,
  contact: { name: string; filesSupported: boolean },
  text: FilesText,
): AttachmentStatus | null {
  const { t } = text;
  const { state, size, progressBytes } = attachment;
  if (state === 'refused') {
    const reason = attachment.failureCode ? REFUSED[attachment.failureCode] : null;
    const line =
      message.direction === 'out'
        ? t('notDelivered', { reason: t(`refusedOut.${reason ?? 'unknown'}`, { name: contact.name }) })
        : t('notReceived', { reason: t(`refusedIn.${reason ?? 'unknown'}`) });
    return { kind: 'refused', text: line, percent: null };
  }
  if (message.direction === 'in') {
    if (state !== 'fetching') return null;
    return {
      kind: 'progress',
      text: t('receiving', { progress: progressText(progressBytes, size, text) }),
      percent: progressPercent(progressBytes, size),
    };
  }
  if (state === 'delivered') return { kind: 'done', text: t('delivered'), percent: null };
  if (state !== 'ready' || message.state === 'failed') return null;
  if (!contact.filesSupported)
    return message.state === 'delivered' ? { kind: 'link', text: t('sentAsLink'), percent: null } : null;
  if (message.state !== 'delivered') return null;
  return {
    kind: 'progress',
    text:
      progressBytes > 0
        ? t('theyAreFetching', { name: contact.name, progress: progressText(progressBytes, size, text) })
        : t('waitingForThem', { name: contact.name }),
    percent: progressPercent(progressBytes, size),
  };
}

/**
 * An outgoing message counts as delivered when its text was accepted and each file is delivered (or went as a
 * link, toward a node without files-1): `pending-files` while the other node still fetches, `files-refused`
 * when one was not taken.
 */
export type OutgoingDelivery = 'sending' | 'pending-files' | 'files-refused' | 'delivered' | 'failed';

export function outgoingDelivery(
  message: Pick<MessageView, 'state' | 'attachments'>,
  filesSupported: boolean,
): OutgoingDelivery {
  if (message.state === 'failed') return 'failed';
  if (message.state !== 'delivered') return 'sending';
  if (message.attachments.some((attachment) => attachment.state === 'refused')) return 'files-refused';
  const done = message.attachments.every(
    (attachment) => attachment.state === 'delivered' || (!filesSupported && attachment.state === 'ready'),
  );
  return done ? 'delivered' : 'pending-files';
}

/** Known types: the format's name, and what kind of file it is (`kind.<kind>` in the catalogue). */
const KNOWN: Record<string, { label: string; kind: 'document' | 'archive' | 'text' | 'image' | 'audio' | 'video' }> = {
  'application/pdf': { label: 'PDF', kind: 'document' },
  'application/zip': { label: 'ZIP', kind: 'archive' },
  'text/plain': { label: '', kind: 'text' },
  'text/csv': { label: 'CSV', kind: 'document' },
  'image/jpeg': { label: 'JPEG', kind: 'image' },
  'image/png': { label: 'PNG', kind: 'image' },
  'image/gif': { label: 'GIF', kind: 'image' },
  'image/webp': { label: 'WebP', kind: 'image' },
  'image/svg+xml': { label: 'SVG', kind: 'image' },
  'audio/mpeg': { label: 'MP3', kind: 'audio' },
  'video/mp4': { label: 'MP4', kind: 'video' },
};

/** "PDF", "JPEG image", "ZIP archive", else the subtype in capitals: what a file card says about its type. */
export function fileKind(contentType: string, name: string, t: Translator<'files'>): string {
  const [type = '', subtype = ''] = contentType.toLowerCase().split(';')[0]!.trim().split('/');
  const exact = KNOWN[`${type}/${subtype}`];
  if (exact) {
    if (exact.kind === 'text') return t('kind.text');
    return t(`kind.${exact.kind}`, { format: exact.label });
  }
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  if (type === 'application' && (subtype === 'octet-stream' || !subtype))
    return extension ? extension.toUpperCase() : t('kind.file');
  const label = (extension ?? subtype.replace(/^(x-|vnd\.)/, '').split(/[.+]/)[0] ?? '').toUpperCase();
  if (!label) return t('kind.file');
  if (type === 'image' || type === 'audio' || type === 'video') return t(`kind.${type}`, { format: label });
  return label;
}

/**
 * The size a preview takes in a bubble: the image's own proportions within `box` (never larger than the image),
 * so its place is kept before the thumbnail arrives. Unknown dimensions get a 4:3 box.
 */
export function previewSize(width: number | null, height: number | null, box = 280): { width: number; height: number } {
  if (!width || !height || width <= 0 || height <= 0) return { width: box, height: Math.round((box * 3) / 4) };
  const scale = Math.min(1, box / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A message in one line (the conversation list): its text, else its files ("📎 photo.jpg", "📎 3 files"). */
export function messagePreview(message: Pick<MessageView, 'text' | 'attachments'>, t: Translator<'files'>): string {
  if (message.text.trim()) return message.text;
  const [first] = message.attachments;
  // A message's text is empty only when it carries files, even where a list's answer leaves them out.
  if (!first) return `📎 ${t('kind.file')}`;
  return message.attachments.length === 1
    ? `📎 ${first.name}`
    : `📎 ${t('fileCount', { count: message.attachments.length })}`;
}
