/**
 * The file name rules of the files-1 manifest (docs/extensions/files.md §3): 1-255 code points; no `/`, `\`, control
 * characters (C0, C1, DEL) or bidirectional controls; not `.` or `..`. An upload's name must pass them, since the
 * name goes into the manifest as it is and a receiver refuses rather than cleans it.
 *
 * Kept here until core's manifest (packages/core/src/files-1/manifest.ts, `fileNameProblem`) lands; then this file
 * goes and the upload endpoint calls core's.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Why the name cannot be used, or null when it can. */
export function fileNameProblem(name: string): string | null {
  const length = [...name].length;
  if (length === 0) return 'the name is empty';
  if (length > 255) return 'the name is longer than 255 characters';
  if (name === '.' || name === '..') return 'the name is a directory reference';
  if (FORBIDDEN.test(name)) return 'the name holds a slash, a control character or a direction mark';
  return null;
}

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** The declared content type as the manifest takes it (lowercase `type/subtype`, at most 127 characters); advisory only. */
export function normalizedContentType(declared: string | null | undefined): string {
  const type = (declared ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return type.length <= 127 && MIME_TYPE.test(type) ? type : 'application/octet-stream';
}
