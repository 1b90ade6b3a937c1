import type { Sharp, SharpOptions } from 'sharp';

type SharpLibrary = typeof import('sharp').default;

/**
 * Pixels an image may have for this node to decode it (width × height of one frame): 40 MP holds every phone photo
 * but refuses a decompression bomb (a small PNG of zeros that says 30000 × 30000) at its header, before any pixel
 * is decoded.
 */
export const IMAGE_MAX_PIXELS = 40_000_000;

/**
 * The largest file the node decodes: sharp takes its input as one buffer, so this bounds the memory of one image
 * (beside the pixels, which sequential reading and shrink-on-load keep to a few rows). A larger file is kept and
 * downloadable, only without a preview.
 */
export const IMAGE_MAX_INPUT_BYTES = 48 * 1024 * 1024;

/** A hostile image that decodes slowly stops here rather than hold the core. */
export const IMAGE_TIMEOUT_SECONDS = 20;

let library: SharpLibrary | null = null;

/**
 * sharp, loaded at the first image rather than at start: libvips holds about 15 MiB of memory from the moment it is
 * loaded, and a node that never sees an image (or has files off) need not carry it.
 */
export function imageLibrary(): SharpLibrary {
  if (library) return library;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose (see above)
  const sharp = require('sharp') as SharpLibrary;
  // One image at a time per process and no operation cache: memory stays flat on a small VM however many uploads end.
  sharp.cache(false);
  sharp.concurrency(1);
  // Besides the sniffing before it: libvips in this process loads the four formats and no other (its SVG, PDF, TIFF,
  // HEIF... loaders blocked), so no file of a user ever reaches a loader the node did not choose.
  sharp.block({ operation: ['VipsForeignLoad'] });
  sharp.unblock({
    operation: ['VipsForeignLoadJpeg', 'VipsForeignLoadPng', 'VipsForeignLoadNsgif', 'VipsForeignLoadWebp'],
  });
  library = sharp;
  return sharp;
}

/** How the node opens an image: first frame only, sequential reading, the pixel limit, lenient on minor flaws. */
export function openImage(bytes: Buffer, options: Pick<SharpOptions, 'pages'> = {}): Sharp {
  return imageLibrary()(bytes, {
    limitInputPixels: IMAGE_MAX_PIXELS,
    sequentialRead: true,
    failOn: 'error',
    pages: options.pages ?? 1,
  }).timeout({ seconds: IMAGE_TIMEOUT_SECONDS });
}
