/**
 * Discovery of extensions (docs/extensions/files.md §1): a node adds `openmsg_extensions` to the success answers
 * it gives, never to a request. The parse is lenient: unknown extensions and parameters are ignored, and a
 * parameter missing or below its minimum makes that one extension absent (never an error).
 */

export const FILES_1 = 'files-1';

/** The field a success answer carries. */
export const EXTENSIONS_FIELD = 'openmsg_extensions';

/** The lowest values a valid files-1 announcement may give (files.md §1). */
export const FILES_1_MINIMUMS = { maxFileBytes: 1_048_576, maxTextChars: 64_000, maxFiles: 1 } as const;
/** A sender never puts more files in one message, whatever a peer announces. */
export const FILES_1_MAX_FILES = 100;

/** What a node taking files-1 announces. */
export interface Files1Limits {
  maxFileBytes: number;
  maxTextChars: number;
  maxFiles: number;
}

/** The extensions a peer's answer announced that this node knows. */
export interface PeerAnnouncement {
  files1: Files1Limits | null;
}

export interface ExtensionsAnnouncementField {
  openmsg_extensions: {
    'files-1': { max_file_bytes: number; max_text_chars: number; max_files: number };
  };
}

/** The field to spread into a success answer; an empty object when this node announces nothing. */
export function extensionsAnnouncement(
  files1: Files1Limits | null,
): ExtensionsAnnouncementField | Record<never, never> {
  if (!files1) return {};
  return {
    openmsg_extensions: {
      [FILES_1]: {
        max_file_bytes: files1.maxFileBytes,
        max_text_chars: files1.maxTextChars,
        max_files: files1.maxFiles,
      },
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An integer as JSON gives it (`100` or `100.0`), or a string of digits as some PHP nodes send numbers. */
function integerAtLeast(value: unknown, minimum: number): number | null {
  const number = typeof value === 'string' && /^[0-9]{1,16}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < minimum) return null;
  return number;
}

function parseFiles1(value: unknown): Files1Limits | null {
  if (!isRecord(value)) return null;
  const maxFileBytes = integerAtLeast(value.max_file_bytes, FILES_1_MINIMUMS.maxFileBytes);
  const maxTextChars = integerAtLeast(value.max_text_chars, FILES_1_MINIMUMS.maxTextChars);
  const maxFiles = integerAtLeast(value.max_files, FILES_1_MINIMUMS.maxFiles);
  if (maxFileBytes === null || maxTextChars === null || maxFiles === null) return null;
  // Above 100 is more than any sender puts in a message: read as 100 rather than refusing the whole extension.
  return { maxFileBytes, maxTextChars, maxFiles: Math.min(maxFiles, FILES_1_MAX_FILES) };
}

/** Reads the announcement of a peer's success answer (the whole parsed JSON body). Never throws. */
export function parseAnnouncement(answer: unknown): PeerAnnouncement {
  if (!isRecord(answer)) return { files1: null };
  const extensions = answer[EXTENSIONS_FIELD];
  if (!isRecord(extensions)) return { files1: null };
  return { files1: parseFiles1(extensions[FILES_1]) };
}
