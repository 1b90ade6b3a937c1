import type { Translator } from '@/i18n/translator';
import { progressPercent } from './attachment-text';

/**
 * The files in the composer, each an upload to the node (tus): `uploading` with the bytes the node acknowledged,
 * `ready` with its attachment id (it goes with the next send), or `failed` with the sentence why (Retry, or
 * Remove). Pure, so the rules of the queue are tested without a browser (test/upload-queue.test.ts).
 */
export type UploadStatus = 'uploading' | 'ready' | 'failed';

export interface UploadItem {
  /** This browser's key for the item (the attachment id comes only when the node created the upload). */
  key: string;
  name: string;
  size: number;
  type: string;
  /** A photo whose location the node strips unless kept (the choice goes with the upload's metadata). */
  locationMatters: boolean;
  keepLocation: boolean;
  status: UploadStatus;
  sentBytes: number;
  attachmentId: string | null;
  error: string | null;
  /** A `blob:` URL of the picked image for its chip (raster images only), or null. */
  previewUrl: string | null;
}

export type UploadAction =
  | { type: 'added'; items: UploadItem[] }
  | { type: 'progress'; key: string; sentBytes: number }
  | { type: 'uploaded'; key: string; attachmentId: string }
  | { type: 'failed'; key: string; error: string }
  /** Retry, or the location choice changed: the item uploads again (from where the node is, for a retry). */
  | { type: 'restarted'; key: string; keepLocation?: boolean }
  | { type: 'removed'; key: string }
  /** Sent: the composer is empty again. */
  | { type: 'cleared' }
  /** A send that failed gives its files back (still uploaded, not sent), before anything attached meanwhile. */
  | { type: 'restored'; items: UploadItem[] };

/** Images whose metadata can carry where they were taken (EXIF, XMP). */
const LOCATION_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/tiff']);

export function newUploadItem(
  key: string,
  file: { name: string; size: number; type: string },
  previewUrl: string | null = null,
): UploadItem {
  return {
    key,
    name: file.name,
    size: file.size,
    type: file.type || 'application/octet-stream',
    locationMatters: LOCATION_TYPES.has(file.type.toLowerCase()),
    keepLocation: false,
    status: 'uploading',
    sentBytes: 0,
    attachmentId: null,
    error: null,
    previewUrl,
  };
}

/** Raster images the browser shows on a chip (never SVG, which the inbox does not render). */
export function hasChipPreview(type: string): boolean {
  return /^image\/(png|jpeg|gif|webp|avif)$/i.test(type);
}

export function uploadsReducer(items: UploadItem[], action: UploadAction): UploadItem[] {
  const patch = (key: string, change: (item: UploadItem) => UploadItem) =>
    items.map((item) => (item.key === key ? change(item) : item));
  switch (action.type) {
    case 'added':
      return [...items, ...action.items];
    case 'progress':
      // A late progress report after the upload finished or failed changes nothing; bytes never go back.
      return patch(action.key, (item) =>
        item.status === 'uploading'
          ? { ...item, sentBytes: Math.min(item.size, Math.max(item.sentBytes, action.sentBytes)) }
          : item,
      );
    case 'uploaded':
      return patch(action.key, (item) =>
        item.status === 'uploading'
          ? { ...item, status: 'ready', sentBytes: item.size, attachmentId: action.attachmentId, error: null }
          : item,
      );
    case 'failed':
      return patch(action.key, (item) =>
        item.status === 'uploading' ? { ...item, status: 'failed', error: action.error } : item,
      );
    case 'restarted':
      return patch(action.key, (item) => ({
        ...item,
        status: 'uploading',
        error: null,
        keepLocation: action.keepLocation ?? item.keepLocation,
        // A new location choice is a new upload; a retry resumes where the node is.
        sentBytes: action.keepLocation === undefined ? item.sentBytes : 0,
        attachmentId: null,
      }));
    case 'removed':
      return items.filter((item) => item.key !== action.key);
    case 'cleared':
      return [];
    case 'restored':
      return [...action.items, ...items.filter((item) => !action.items.some((back) => back.key === item.key))];
    default:
      return action satisfies never;
  }
}

export interface UploadSummary {
  uploading: number;
  failed: number;
  /** The attachment ids to send, in the order shown. */
  readyIds: string[];
  /** Over the files still uploading. */
  percent: number;
  /** Why Send waits, or null. */
  blockedBy: string | null;
}

export function uploadSummary(items: UploadItem[], t: Translator<'files'>): UploadSummary {
  const uploading = items.filter((item) => item.status === 'uploading');
  const failed = items.filter((item) => item.status === 'failed').length;
  const readyIds = items.flatMap((item) => (item.status === 'ready' && item.attachmentId ? [item.attachmentId] : []));
  const total = uploading.reduce((sum, item) => sum + item.size, 0);
  const sent = uploading.reduce((sum, item) => sum + item.sentBytes, 0);
  const blockedBy =
    uploading.length > 0
      ? t('blockedUploading', { count: uploading.length })
      : failed > 0
        ? t('blockedFailed', { count: failed })
        : null;
  return { uploading: uploading.length, failed, readyIds, percent: progressPercent(sent, total), blockedBy };
}

/** A pasted image has a generic name ("image.png"): it gets one that says what and when. */
export function pastedFileName(type: string, at: Date): string {
  const extension = /^image\/(png|jpeg|gif|webp)$/.exec(type)?.[1]?.replace('jpeg', 'jpg') ?? 'png';
  const pad = (value: number) => String(value).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} at ${pad(at.getHours())}.${pad(at.getMinutes())}.${pad(at.getSeconds())}`;
  return `Screenshot ${stamp}.${extension}`;
}
