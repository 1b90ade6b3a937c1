import { codePointLength } from '../encoding';
import { DEFAULT_PART_CODE_POINTS, splitLetter } from './letter-parts';

/** A file sent to a node without files-1, as a link to the download page on the sender's node. */
export interface FileLinkLineInput {
  /** Already a valid file name (docs/extensions/files.md §3): no control or bidirectional characters. */
  name: string;
  size: number;
  contentType: string;
  url: string;
  expiresAt: Date | string;
}

/**
 * The message texts that tell a v1.0 user about the files of a message (docs/extensions/files.md §6), one line
 * per file, `📎 holiday.jpg (2.4 MB, JPEG image): https://a.example/download/<token> (until 5 January 2027)`,
 * as many lines per message as fit in `maxCodePoints`.
 */
export function fileLinkLines(files: readonly FileLinkLineInput[], maxCodePoints = DEFAULT_PART_CODE_POINTS): string[] {
  const messages: string[] = [];
  let current = '';
  for (const file of files) {
    const line = fileLinkLine(file);
    const joined = current === '' ? line : `${current}\n${line}`;
    if (codePointLength(joined) <= maxCodePoints) {
      current = joined;
      continue;
    }
    if (current !== '') messages.push(current);
    current = '';
    // Only with a limit far below v1.0's can one line not fit (a name is at most 255 code points).
    if (codePointLength(line) <= maxCodePoints) current = line;
    else messages.push(...splitLetter(line, maxCodePoints));
  }
  if (current !== '') messages.push(current);
  return messages;
}

export function fileLinkLine(file: FileLinkLineInput): string {
  const until = untilDate(file.expiresAt);
  return `📎 ${file.name} (${fileSizeText(file.size)}, ${fileTypeText(file.contentType)}): ${file.url} (until ${until})`;
}

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** Powers of 1000, as disks are sold and as the inbox writes them (2,483,114 bytes → "2.5 MB"); one decimal below 10. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  let value = bytes / 1000;
  let unit = 0;
  while (roundForDisplay(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${roundForDisplay(value)} ${UNITS[unit]}`;
}

function roundForDisplay(value: number): number {
  return value < 9.95 ? Math.round(value * 10) / 10 : Math.round(value);
}

/** What people call the common types; others by their kind. Advisory only, like the type itself. */
const TYPE_NAMES: Record<string, string> = {
  'image/jpeg': 'JPEG image',
  'image/png': 'PNG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'image/heic': 'HEIC image',
  'image/heif': 'HEIF image',
  'image/avif': 'AVIF image',
  'image/svg+xml': 'SVG image',
  'image/tiff': 'TIFF image',
  'image/bmp': 'BMP image',
  'application/pdf': 'PDF document',
  'application/zip': 'ZIP archive',
  'application/gzip': 'gzip archive',
  'application/x-7z-compressed': '7z archive',
  'application/x-tar': 'tar archive',
  'application/msword': 'Word document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.ms-excel': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.ms-powerpoint': 'PowerPoint presentation',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation',
  'application/rtf': 'RTF document',
  'application/json': 'JSON file',
  'application/epub+zip': 'EPUB book',
  'text/plain': 'text file',
  'text/csv': 'CSV file',
  'text/html': 'HTML file',
  'text/calendar': 'calendar file',
  'text/vcard': 'contact card',
  'audio/mpeg': 'MP3 audio',
  'audio/ogg': 'Ogg audio',
  'audio/wav': 'WAV audio',
  'audio/mp4': 'MP4 audio',
  'video/mp4': 'MP4 video',
  'video/quicktime': 'QuickTime video',
  'video/webm': 'WebM video',
};

const KIND_NAMES: Record<string, string> = { image: 'image', audio: 'audio', video: 'video', text: 'text file' };

export function fileTypeText(contentType: string): string {
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return TYPE_NAMES[essence] ?? KIND_NAMES[essence.split('/')[0]!] ?? 'file';
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The day the link stops, in UTC (the receiver's zone is unknown), written out so no reader mistakes 5/1 for 1/5. */
function untilDate(expiresAt: Date | string): string {
  const date = new Date(expiresAt);
  if (Number.isNaN(date.getTime())) throw new RangeError('expiresAt is not a date');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
