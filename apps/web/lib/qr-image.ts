/**
 * Reading a QR code from a picture (a screenshot, a photo) rather than the camera: where in the picture jsQR
 * looks, at what size, and in what order. jsQR's time grows with the pixels it is given, and a code needs a few
 * pixels a module to be read: so the whole picture first, shrunk to at most MAX_SIDE, then smaller (a code
 * filling a noisy photo reads better so), then, for a picture much larger than that (a 4K screenshot with the
 * code small in a corner), its corners and middle, each shrunk less.
 */
export const MAX_SIDE = 1600;

export interface DecodeAttempt {
  /** The part of the picture read, in its pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Drawn at this scale (at most 1) before reading. */
  scale: number;
}

/** Each part's share of the picture's width and height when it is read in parts (they overlap by a fifth). */
const PART = 0.6;

export function decodeAttempts(width: number, height: number, maxSide = MAX_SIDE): DecodeAttempt[] {
  if (!(width > 0 && height > 0)) return [];
  const longest = Math.max(width, height);
  const whole = (side: number): DecodeAttempt => ({ x: 0, y: 0, width, height, scale: Math.min(1, side / longest) });
  const attempts = [whole(maxSide)];
  if (longest > maxSide / 2) attempts.push(whole(maxSide / 2));
  if (longest > maxSide) {
    const [partWidth, partHeight] = [Math.ceil(width * PART), Math.ceil(height * PART)];
    const [right, bottom] = [width - partWidth, height - partHeight];
    const scale = Math.min(1, maxSide / Math.max(partWidth, partHeight));
    const corners: [number, number][] = [
      [right, bottom],
      [right, 0],
      [0, bottom],
      [0, 0],
      [Math.floor(right / 2), Math.floor(bottom / 2)],
    ];
    for (const [x, y] of corners) attempts.push({ x, y, width: partWidth, height: partHeight, scale });
  }
  return attempts;
}

export type QrImageResult = { kind: 'found'; text: string } | { kind: 'none' } | { kind: 'unreadable' };

/** The first QR code found in `image` (browser only: createImageBitmap, a canvas, and jsQR loaded on first use). */
export async function readQrFromImage(image: Blob): Promise<QrImageResult> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image);
  } catch {
    return { kind: 'unreadable' }; // not an image, or a format this browser does not decode (HEIC in Chromium)
  }
  try {
    const { default: jsQR } = await import('jsqr');
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return { kind: 'unreadable' };
    for (const attempt of decodeAttempts(bitmap.width, bitmap.height)) {
      const width = Math.max(1, Math.round(attempt.width * attempt.scale));
      const height = Math.max(1, Math.round(attempt.height * attempt.scale));
      canvas.width = width;
      canvas.height = height;
      context.imageSmoothingQuality = 'high';
      // A transparent picture is read as if on paper: jsQR sees transparent pixels as black otherwise.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      context.drawImage(bitmap, attempt.x, attempt.y, attempt.width, attempt.height, 0, 0, width, height);
      const code = jsQR(context.getImageData(0, 0, width, height).data, width, height, {
        inversionAttempts: 'attemptBoth',
      });
      if (code?.data) return { kind: 'found', text: code.data };
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the page answer between attempts
    }
    return { kind: 'none' };
  } finally {
    bitmap.close();
  }
}
