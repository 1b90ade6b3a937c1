import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';

/** Paris, as a phone writes it. */
export const SAMPLE_GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '48/1 51/1 2964/100',
  GPSLongitudeRef: 'E',
  GPSLongitude: '2/1 17/1 4016/100',
};

/**
 * A real JPEG photo as a phone makes it: camera fields, a GPS position and orientation 6 (stored landscape
 * 800 × 400, shown portrait 400 × 800), with a gradient so re-encoding has something to keep.
 */
export async function jpegWithLocation(options: { orientation?: number; width?: number; height?: number } = {}) {
  const { orientation = 6, width = 800, height = 400 } = options;
  return sharp(await gradient(width, height))
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'TestCam', Model: 'Phone 1' }, IFD3: SAMPLE_GPS })
    .withMetadata({ orientation })
    .toBuffer();
}

export async function pngWithLocation(): Promise<Buffer> {
  return sharp(await gradient(300, 200))
    .png()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: SAMPLE_GPS })
    .toBuffer();
}

export async function plainPng(width = 1200, height = 900): Promise<Buffer> {
  return sharp(await gradient(width, height))
    .png()
    .toBuffer();
}

async function gradient(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      pixels[at] = (x * 255) / width;
      pixels[at + 1] = (y * 255) / height;
      pixels[at + 2] = 128;
    }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/**
 * A decompression bomb: a PNG of a few hundred kilobytes that says 20000 × 20000 (400 megapixels, 1.2 GB as RGB)
 * of a 1-bit grey image that is all zeros. Written by hand: no encoder would make one this size quickly.
 */
export function pngBomb(side = 20_000): Buffer {
  const rowBytes = 1 + Math.ceil(side / 8); // filter byte + 1 bit per pixel
  const raw = Buffer.alloc(rowBytes * side);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real small JPEG whose frame header (SOF) is rewritten to say 30000 × 30000. */
export async function jpegWithHugeHeader(): Promise<Buffer> {
  const jpeg = Buffer.from(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer(),
  );
  for (let at = 2; at < jpeg.length - 8;) {
    const marker = jpeg[at + 1] as number;
    if (marker >= 0xc0 && marker <= 0xc2) {
      jpeg.writeUInt16BE(30_000, at + 5); // height
      jpeg.writeUInt16BE(30_000, at + 7); // width
      return jpeg;
    }
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  throw new Error('no frame header in the sample JPEG');
}

/** Script dressed as an image: what a hostile sender names photo.png and types image/png. */
export const SVG_WITH_SCRIPT = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script>' +
    '<rect width="100" height="100" fill="red"/></svg>',
);
export const HTML_WITH_SCRIPT = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
