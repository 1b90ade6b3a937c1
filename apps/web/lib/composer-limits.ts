import type { NodeFileLimits, NodeInfo, PeerCapabilities } from '@openmsg/core/api';
import type { Translator } from '@/i18n/translator';
import type { FilesText } from './attachment-text';
import { formatBytes } from './format-bytes';

/** How long a message to this contact may be, and how much of it goes in one message. */
export interface TextLimit {
  /** The composer refuses more than this (code points). */
  maxChars: number;
  /** Their node takes this much in one message: a longer letter goes in labelled parts. */
  perMessage: number;
}

/**
 * A contact whose node takes files-1 takes one message of up to its `maxTextChars` (and ours sends at most
 * `longMessageMaxChars`); toward any other node our node splits a long letter into parts of `messageMaxChars`
 * (docs/extensions/files.md §2), so the composer still takes `longMessageMaxChars`.
 */
export function textLimit(
  node: Pick<NodeInfo, 'messageMaxChars' | 'longMessageMaxChars'>,
  peer: PeerCapabilities | undefined,
): TextLimit {
  const longest = Math.max(node.messageMaxChars, node.longMessageMaxChars);
  if (peer?.files) {
    const one = Math.min(peer.maxTextChars, longest);
    return { maxChars: one, perMessage: one };
  }
  return { maxChars: longest, perMessage: Math.min(peer?.maxTextChars ?? node.messageMaxChars, node.messageMaxChars) };
}

/** `(12/12) `: the label before each part's text (files.md §2). */
const labelLength = (parts: number) => `(${parts}/${parts}) `.length;

/**
 * How many labelled parts a letter of `length` code points makes at `perMessage` a part (1 when it fits). The
 * sender cuts at paragraph and sentence ends where it can, so a part may hold a little less: this is the fewest
 * parts, and the count the sender gets for text without such ends.
 */
export function partCount(length: number, perMessage: number): number {
  if (length <= perMessage) return 1;
  let parts = 2;
  while (parts * (perMessage - labelLength(parts)) < length) parts++;
  return parts;
}

/**
 * Under the composer when the letter will go in parts (`parts` from core's splitLetter, the sender's own cut, or
 * partCount until it has loaded); null when it goes as one message or is over the limit (the counter says so).
 */
export function partsHint(length: number, parts: number, limit: TextLimit, { t }: FilesText): string | null {
  if (length <= limit.perMessage || length > limit.maxChars || parts < 2) return null;
  return t('partsHint', { parts, perMessage: limit.perMessage });
}

/** A file the person picked, as the checks need it. */
export interface PickedFile {
  name: string;
  size: number;
}

export interface FileCheck<F extends PickedFile> {
  accepted: F[];
  /** One sentence per refusal, in the order met; each says what to do instead. */
  problems: string[];
}

export interface FileCheckContext {
  /** What our node takes; null when it takes no files. */
  files: NodeFileLimits | null;
  peer: PeerCapabilities | undefined;
  contactName: string;
  /** Files already in the composer. */
  alreadyAttached: number;
  /** What is left of the account's quota, when known (GET /api/v1/me/storage). */
  freeBytes: number | null;
}

/**
 * The checks made before a file is uploaded, with the sentence for each: our node takes no files, a file larger
 * than our node or the contact's node takes, one that no longer fits in the quota (the files of the same pick
 * count against it in order), and more files than one message carries.
 */
export function checkFiles<F extends PickedFile>(
  picked: F[],
  context: FileCheckContext,
  text: FilesText,
): FileCheck<F> {
  const { files, peer, contactName } = context;
  const { t } = text;
  if (!files) return { accepted: [], problems: [t('noFiles')] };
  const accepted: F[] = [];
  const problems: string[] = [];
  let free = context.freeBytes;
  let room = files.maxFilesPerMessage - context.alreadyAttached;
  let leftOut = 0;
  for (const file of picked) {
    if (file.size > files.maxFileBytes) {
      const [size, limit] = sizesApart(file.size, files.maxFileBytes, text.locale);
      problems.push(t('tooBigForOurs', { name: file.name, size, limit }));
    } else if (peer?.files && peer.maxFileBytes !== null && file.size > peer.maxFileBytes) {
      const [size, limit] = sizesApart(file.size, peer.maxFileBytes, text.locale);
      problems.push(t('tooBigForTheirs', { name: file.name, size, contact: contactName, limit }));
    } else if (free !== null && file.size > free) {
      problems.push(quotaSentence(file.name, free, files.accountQuotaBytes, text));
    } else if (room <= 0) {
      leftOut++;
    } else {
      accepted.push(file);
      room--;
      if (free !== null) free -= file.size;
    }
  }
  if (leftOut > 0) problems.push(tooManySentence(files.maxFilesPerMessage, leftOut, text));
  return { accepted, problems };
}

/** A size and the limit it passes, in bytes when rounding would show them equal ("105 MB ... up to 105 MB"). */
function sizesApart(size: number, limit: number, locale: string): [string, string] {
  const [shown, max] = [formatBytes(size, locale), formatBytes(limit, locale)];
  if (shown !== max) return [shown, max];
  const exact = (bytes: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  return [exact(size), exact(limit)];
}

export function quotaSentence(name: string, freeBytes: number, quotaBytes: number, { t, locale }: FilesText): string {
  return t('quotaFull', {
    name,
    free: formatBytes(Math.max(0, freeBytes), locale),
    quota: formatBytes(quotaBytes, locale),
  });
}

export function tooManySentence(max: number, leftOut: number, { t }: FilesText): string {
  return t('tooMany', { max, leftOut });
}

/** Shown with the files when the contact's node has no files-1 (the reference, or files switched off there). */
export function linksInsteadSentence(contactName: string, { t }: FilesText): string {
  return t('linksInstead', { name: contactName });
}

/**
 * Under the composer when the text is longer than the contact can get (linked to the box and Send by
 * aria-describedby, and announced when Enter or Send is pressed): by how much, and what to do instead. A text
 * file goes to anyone once files can be attached (a contact without files-1 gets a download link).
 */
export function overLimitSentence(
  length: number,
  limit: TextLimit,
  canAttach: boolean,
  t: Translator<'composer'>,
): string | null {
  const over = length - limit.maxChars;
  if (over <= 0) return null;
  return t(canAttach ? 'overLimitFile' : 'overLimitSplit', { over, max: limit.maxChars });
}
