import type { AttachmentFailureCode, AttachmentView, MessageView } from '@openmsg/core/api';
import { formatBytes } from './format-bytes';

/** Whole per cent done, 100 only when every byte is there (a bar never shows done before it is). */
export function progressPercent(done: number, total: number): number {
  if (total <= 0) return done >= total ? 100 : 0;
  if (done >= total) return 100;
  return Math.min(99, Math.max(0, Math.floor((done / total) * 100)));
}

/** "1.2 MB of 2.4 MB (50%)" */
export function progressText(done: number, total: number): string {
  return `${formatBytes(Math.min(done, total))} of ${formatBytes(total)} (${progressPercent(done, total)}%)`;
}

/** Why a file was not taken, said for the sender (`theirs`: the contact's node refused it) or for the receiver. */
const REFUSED: Record<AttachmentFailureCode, { out: (name: string) => string; in: string }> = {
  too_large: { out: (name) => `${name}'s node refused it: too large.`, in: 'Too large for your node.' },
  quota_full: {
    out: (name) => `${name}'s storage for files is full.`,
    in: 'Your storage for files is full: delete files you no longer need.',
  },
  hash_mismatch: {
    out: () => 'It arrived damaged (its checksum did not match).',
    in: 'It arrived damaged (its checksum did not match), so it is not shown.',
  },
  manifest_invalid: {
    out: (name) => `${name}'s node refused its description.`,
    in: 'Its description was not valid, so it was not fetched.',
  },
  gone: { out: () => 'Deleted before it was fetched.', in: 'The sender deleted it before it arrived.' },
  expired: {
    out: (name) => `${name}'s node did not fetch it in time.`,
    in: 'It could not be fetched in time: the sender’s node did not answer.',
  },
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
): AttachmentStatus | null {
  const { state, size, progressBytes } = attachment;
  if (state === 'refused') {
    const reason = attachment.failureCode ? REFUSED[attachment.failureCode] : null;
    const text =
      message.direction === 'out'
        ? `Not delivered. ${reason ? reason.out(contact.name) : `${contact.name}'s node did not take it.`}`
        : `Not received. ${reason ? reason.in : 'Your node could not take it.'}`;
    return { kind: 'refused', text, percent: null };
  }
  if (message.direction === 'in') {
    if (state !== 'fetching') return null;
    return {
      kind: 'progress',
      text: `Receiving: ${progressText(progressBytes, size)}`,
      percent: progressPercent(progressBytes, size),
    };
  }
  if (state === 'delivered') return { kind: 'done', text: 'Delivered', percent: null };
  if (state !== 'ready' || message.state === 'failed') return null;
  if (!contact.filesSupported)
    return message.state === 'delivered' ? { kind: 'link', text: `Sent as a download link.`, percent: null } : null;
  if (message.state !== 'delivered') return null;
  return {
    kind: 'progress',
    text:
      progressBytes > 0
        ? `${contact.name}'s node is fetching it: ${progressText(progressBytes, size)}`
        : `Waiting for ${contact.name}'s node to fetch it.`,
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

/** "PDF", "JPEG image", "ZIP archive", else the subtype in capitals: what a file card says about its type. */
export function fileKind(contentType: string, name: string): string {
  const [type = '', subtype = ''] = contentType.toLowerCase().split(';')[0]!.trim().split('/');
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'application/zip': 'ZIP archive',
    'text/plain': 'Text',
    'text/csv': 'CSV',
    'image/jpeg': 'JPEG image',
    'image/png': 'PNG image',
    'image/gif': 'GIF image',
    'image/webp': 'WebP image',
    'image/svg+xml': 'SVG image',
    'audio/mpeg': 'MP3 audio',
    'video/mp4': 'MP4 video',
  };
  const exact = known[`${type}/${subtype}`];
  if (exact) return exact;
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  if (type === 'application' && (subtype === 'octet-stream' || !subtype))
    return extension ? extension.toUpperCase() : 'File';
  const label = (extension ?? subtype.replace(/^(x-|vnd\.)/, '').split(/[.+]/)[0] ?? '').toUpperCase() || 'File';
  if (type === 'image' || type === 'audio' || type === 'video') return `${label} ${type}`;
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
export function messagePreview(message: Pick<MessageView, 'text' | 'attachments'>): string {
  if (message.text.trim()) return message.text;
  const [first] = message.attachments;
  // A message's text is empty only when it carries files, even where a list's answer leaves them out.
  if (!first) return '📎 File';
  return message.attachments.length === 1 ? `📎 ${first.name}` : `📎 ${message.attachments.length} files`;
}
