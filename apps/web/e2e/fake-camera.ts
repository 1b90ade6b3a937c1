import { writeFileSync } from 'node:fs';

/**
 * A video file for Chromium's fake camera (`--use-file-for-fake-video-capture`): a Y4M file (the
 * format Chromium reads without ffmpeg), written from RGBA pixels. Y4M with C420jpeg is a text
 * header, then per frame `FRAME\n`, the luma plane and the two chroma planes at half size each way.
 * The picture is grey (chroma 128): a QR code needs no colour.
 */
export function writeY4m(file: string, rgba: ArrayLike<number>, width: number, height: number, frames = 3) {
  if (width % 2 || height % 2) throw new Error('Y4M 4:2:0 needs an even width and height');
  const luma = Buffer.alloc(width * height);
  for (let i = 0; i < width * height; i++) {
    const alpha = (rgba[i * 4 + 3] ?? 255) / 255;
    // BT.601 luma over a white background (transparent pixels are paper).
    const y = 0.299 * (rgba[i * 4] ?? 0) + 0.587 * (rgba[i * 4 + 1] ?? 0) + 0.114 * (rgba[i * 4 + 2] ?? 0);
    luma[i] = Math.round(y * alpha + 255 * (1 - alpha));
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
