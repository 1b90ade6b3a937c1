import { sniffImageFormat } from './image-format';
import { IMAGE_MAX_INPUT_BYTES, openImage } from './image-decoding';

/** The preview's longest side, in pixels: enough for a thread on a phone at 2× and a desktop column. */
export const PREVIEW_MAX_SIDE = 640;

export interface ImagePreview {
  /** WebP, no metadata, orientation applied. */
  webp: Buffer;
  /** The original's size as shown (after its EXIF orientation), for the inbox to reserve the space. */
  width: number;
  height: number;
}

/**
 * A WebP preview of a JPEG, PNG, GIF (first frame) or WebP image, or null for anything else (told by its bytes),
 * for an image above the pixel or byte limits, and for one that does not decode. Never throws for bad input: the
 * file stays downloadable, only without a preview.
 */
export async function makePreview(bytes: Buffer): Promise<ImagePreview | null> {
  const format = sniffImageFormat(bytes);
  if (!format || bytes.length > IMAGE_MAX_INPUT_BYTES) return null;
  try {
    const image = openImage(bytes);
    const metadata = await image.metadata();
    // libvips sniffs too: both must agree, so no other loader (SVG, TIFF, PDF...) ever runs on a user's file.
    if (metadata.format !== format) return null;
    const webp = await image
      .autoOrient()
      .resize(PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { webp, width: metadata.autoOrient.width, height: metadata.autoOrient.height };
  } catch {
    return null; // over the pixel limit, truncated, corrupt or too slow: no preview
  }
}
