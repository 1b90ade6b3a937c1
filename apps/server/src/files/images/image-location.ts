import exifReader from 'exif-reader';
import type { Metadata, Sharp } from 'sharp';
import { type ImageFormat, sniffImageFormat } from './image-format';
import { IMAGE_MAX_INPUT_BYTES, imageLibrary, openImage } from './image-decoding';

/** What became of an image's location metadata. */
export type LocationStripping =
  /** Not an image the node decodes, or one without location: the bytes stay as they are. */
  | { outcome: 'none' }
  /** The image re-encoded without location (and without any other metadata but its orientation and colour profile). */
  | { outcome: 'stripped'; bytes: Buffer }
  /** It carries a location, but is over the limits or does not decode: kept as it was (the caller says so). */
  | { outcome: 'failed' };

/**
 * Removes GPS location from a JPEG, PNG or WebP image. No well-kept npm library removes EXIF GPS tags losslessly,
 * so the image is re-encoded by sharp (only when it carries a location): pixels as they are, EXIF replaced by an
 * empty one — libvips writes the image's orientation into it, so a portrait photo stays portrait — and the colour
 * profile kept. A PNG stays lossless; a JPEG or WebP goes through one encoding at high quality. A GIF carries no EXIF.
 */
export async function stripLocation(bytes: Buffer): Promise<LocationStripping> {
  const format = sniffImageFormat(bytes);
  if (!format || format === 'gif') return { outcome: 'none' };
  try {
    // Only the header is read here, so the pixel limit waits for the decoding below.
    const metadata = await imageLibrary()(bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
    if (!carriesLocation(metadata)) return { outcome: 'none' };
    if (bytes.length > IMAGE_MAX_INPUT_BYTES) return { outcome: 'failed' };
    // Every frame of an animated WebP, so the re-encoded file still moves.
    const image = openImage(bytes, { pages: format === 'webp' ? -1 : 1 })
      .keepIccProfile()
      .withExif({ IFD0: {} });
    return { outcome: 'stripped', bytes: await encodeAs(image, format).toBuffer() };
  } catch {
    return { outcome: 'failed' };
  }
}

function encodeAs(image: Sharp, format: Exclude<ImageFormat, 'gif'>): Sharp {
  if (format === 'jpeg') return image.jpeg({ quality: 92, chromaSubsampling: '4:4:4' });
  if (format === 'png') return image.png({ compressionLevel: 9 });
  return image.webp({ quality: 92 });
}

/** GPS tags in the EXIF (or an EXIF block that does not parse: stripped to be safe), or GPS fields in the XMP. */
export function carriesLocation(metadata: Partial<Pick<Metadata, 'exif' | 'xmp' | 'comments'>>): boolean {
  if (metadata.exif && exifHasGps(metadata.exif)) return true;
  if (metadata.xmp && /GPS(Latitude|Longitude|Altitude|Position)|\bLocation/i.test(metadata.xmp.toString('latin1')))
    return true;
  // A PNG written by ImageMagick keeps its EXIF in a text chunk ("Raw profile type exif").
  return (metadata.comments ?? []).some((comment) => /exif|xmp|gps/i.test(comment.keyword));
}

function exifHasGps(exif: Buffer): boolean {
  try {
    const parsed = exifReader(exif);
    return Boolean(parsed.GPSInfo && Object.keys(parsed.GPSInfo).length > 0) || parsed.Image?.GPSTag !== undefined;
  } catch {
    return true;
  }
}
