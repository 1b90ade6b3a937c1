/** Characters no common file system takes in a name (Windows' reserved set, the separators, control characters). */
// eslint-disable-next-line no-control-regex -- the control characters are what this removes
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Names Windows keeps for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
const MAX_NAME_CODE_POINTS = 200;

/** A file's name as it can be written on any file system: unsafe characters become `_`, never empty, `.` or `..`. */
export function safeFileName(name: string): string {
  let safe = name
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/[. ]+$/, '')
    .trim();
  if ([...safe].length > MAX_NAME_CODE_POINTS) safe = truncateKeepingExtension(safe);
  if (safe === '' || /^\.+$/.test(safe)) safe = 'file';
  if (RESERVED.test(safe)) safe = `_${safe}`;
  return safe;
}

function truncateKeepingExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = [...name.slice(0, name.length - extension.length)];
  return stem.slice(0, MAX_NAME_CODE_POINTS - [...extension].length).join('') + extension;
}

/**
 * Paths of the files in an export zip, `files/<message id>/<safe name>`, given in message order: a second file of the
 * same message with the same name (letter case ignored, as on macOS and Windows) becomes `name (2).ext`.
 */
export class ZipPaths {
  private messageId: string | null = null;
  private taken = new Set<string>();

  pathOf(messageId: string, name: string): string {
    if (messageId !== this.messageId) {
      this.messageId = messageId;
      this.taken = new Set();
    }
    const safe = safeFileName(name);
    let candidate = safe;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = numbered(safe, n);
    this.taken.add(candidate.toLowerCase());
    return `files/${messageId}/${candidate}`;
  }
}

function numbered(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}
