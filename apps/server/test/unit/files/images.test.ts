import exifReader from 'exif-reader';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffImageFormat } from '../../../src/files/images/image-format';
import { stripLocation } from '../../../src/files/images/image-location';
import { PREVIEW_MAX_SIDE, makePreview } from '../../../src/files/images/image-preview';
import {
  HTML_WITH_SCRIPT,
  SVG_WITH_SCRIPT,
  jpegWithHugeHeader,
  jpegWithLocation,
  plainPng,
  pngBomb,
  pngWithLocation,
} from '../../in-process/kit/image-samples';

async function exifOf(bytes: Buffer) {
  const { exif } = await sharp(bytes).metadata();
  return exif ? exifReader(exif) : undefined;
}

describe('image format, told by the bytes', () => {
  it('knows JPEG, PNG, GIF and WebP and nothing else', async () => {
    const base = sharp({ create: { width: 4, height: 4, channels: 3, background: '#123' } });
    expect(sniffImageFormat(await base.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(await base.clone().png().toBuffer())).toBe('png');
    expect(sniffImageFormat(await base.clone().gif().toBuffer())).toBe('gif');
    expect(sniffImageFormat(await base.clone().webp().toBuffer())).toBe('webp');
    expect(sniffImageFormat(await base.clone().tiff().toBuffer())).toBeNull();
    expect(sniffImageFormat(SVG_WITH_SCRIPT)).toBeNull();
    expect(sniffImageFormat(HTML_WITH_SCRIPT)).toBeNull();
    expect(sniffImageFormat(Buffer.alloc(0))).toBeNull();
  });
});

describe('previews', () => {
  it('are WebP at most 640 px on the long side, orientation applied, with the original size as shown', async () => {
    const preview = await makePreview(await jpegWithLocation({ orientation: 6, width: 1600, height: 800 }));
    expect(preview).not.toBeNull();
    expect(preview!.width).toBe(800); // shown portrait
    expect(preview!.height).toBe(1600);
    const made = await sharp(preview!.webp).metadata();
    expect(made.format).toBe('webp');
    expect([made.width, made.height]).toEqual([PREVIEW_MAX_SIDE / 2, PREVIEW_MAX_SIDE]);
    expect(made.exif).toBeUndefined(); // no location in the preview either
  });

  it('keep a small image at its size and take the first frame of an animated GIF', async () => {
    const small = await makePreview(await plainPng(120, 80));
    expect([small!.width, small!.height]).toEqual([120, 80]);
    const frames = await Promise.all(
      ['#f00', '#0f0', '#00f'].map((background) =>
        sharp({ create: { width: 50, height: 30, channels: 3, background } })
          .png()
          .toBuffer(),
      ),
    );
    const animated = await sharp(frames, { join: { animated: true } })
      .gif({ loop: 0 })
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(3);
    const gifPreview = await makePreview(animated);
    expect(gifPreview).not.toBeNull();
    expect([gifPreview!.width, gifPreview!.height]).toEqual([50, 30]);
    const made = await sharp(gifPreview!.webp).metadata();
    expect(made.pages ?? 1).toBe(1);
    const [red, green] = (await sharp(gifPreview!.webp).raw().toBuffer()).subarray(0, 2);
    expect(red).toBeGreaterThan(200); // the first frame
    expect(green).toBeLessThan(50);
  });

  it('are not made for SVG or HTML, whatever they are called, nor for TIFF', async () => {
    expect(await makePreview(SVG_WITH_SCRIPT)).toBeNull();
    expect(await makePreview(HTML_WITH_SCRIPT)).toBeNull();
    const tiff = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123' } })
      .tiff()
      .toBuffer();
    expect(await makePreview(tiff)).toBeNull();
  });

  it('refuse a decompression bomb and a 30000 × 30000 header cleanly, memory flat', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const huge = await jpegWithHugeHeader();
    const before = process.memoryUsage().rss;
    expect(await makePreview(bomb)).toBeNull();
    expect(await makePreview(huge)).toBeNull();
    expect(await stripLocation(bomb)).toEqual({ outcome: 'none' });
    // 400 megapixels decoded would be hundreds of MB; refused at the header, nothing grows.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('are not made for a truncated image', async () => {
    const jpeg = await jpegWithLocation();
    expect(await makePreview(jpeg.subarray(0, 200))).toBeNull();
  });
});

describe('location', () => {
  it('is removed from a JPEG, the orientation kept', async () => {
    const original = await jpegWithLocation({ orientation: 6 });
    expect((await exifOf(original))?.GPSInfo?.GPSLatitude).toEqual([48, 51, 29.64]);

    const result = await stripLocation(original);
    expect(result.outcome).toBe('stripped');
    if (result.outcome !== 'stripped') return;
    const after = await sharp(result.bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.orientation).toBe(6);
    expect([after.width, after.height]).toEqual([800, 400]);
    const exif = await exifOf(result.bytes);
    expect(exif?.GPSInfo).toBeUndefined();
    expect(exif?.Image?.GPSTag).toBeUndefined();
    expect(result.bytes.includes(Buffer.from('TestCam'))).toBe(false);
  });

  it('is removed from a PNG losslessly', async () => {
    const original = await pngWithLocation();
    const result = await stripLocation(original);
    expect(result.outcome).toBe('stripped');
    if (result.outcome !== 'stripped') return;
    expect((await exifOf(result.bytes))?.GPSInfo).toBeUndefined();
    const [before, after] = await Promise.all([original, result.bytes].map((b) => sharp(b).raw().toBuffer()));
    expect(after!.equals(before!)).toBe(true);
  });

  it('leaves an image without location and a file that is not an image untouched', async () => {
    expect(await stripLocation(await plainPng(60, 40))).toEqual({ outcome: 'none' });
    expect(await stripLocation(SVG_WITH_SCRIPT)).toEqual({ outcome: 'none' });
  });
});

describe('the decoder', () => {
  it('loads no format but the four, even when asked directly', async () => {
    await import('../../../src/files/images/image-decoding');
    await expect(sharp(SVG_WITH_SCRIPT).metadata()).rejects.toThrow();
    const tiff = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123' } })
      .tiff()
      .toBuffer();
    await expect(sharp(tiff).metadata()).rejects.toThrow();
    expect((await sharp(await plainPng(8, 8)).metadata()).format).toBe('png');
  });
});
