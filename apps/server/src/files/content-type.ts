const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * An upload's declared content type as the manifest takes it (docs/extensions/files.md §3: lowercase `type/subtype`,
 * at most 127 characters), or application/octet-stream; advisory only, never how a file is served.
 */
export function normalizedContentType(declared: string | null | undefined): string {
  const type = (declared ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return type.length <= 127 && MIME_TYPE.test(type) ? type : 'application/octet-stream';
}
