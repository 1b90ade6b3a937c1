/** The raster formats this node decodes itself (docs/extensions/files.md §7): never SVG, HTML, TIFF or anything else. */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp';

/** Bytes enough to tell the formats apart. */
export const IMAGE_SIGNATURE_BYTES = 12;

/**
 * The format a file's first bytes show, or null: decided by the content only, never by the declared type or name
 * (an SVG or HTML file called `photo.png` and typed image/png is null here, so it never reaches a decoder).
 */
export function sniffImageFormat(head: Uint8Array): ImageFormat | null {
  const starts = (bytes: number[], at = 0) => bytes.every((byte, i) => head[at + i] === byte);
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0x47, 0x49, 0x46, 0x38]) && (head[4] === 0x37 || head[4] === 0x39) && head[5] === 0x61) return 'gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
}
