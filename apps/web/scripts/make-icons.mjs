// Draws the inbox's icon (a white speech bubble with three dots on the brand blue) and writes it in
// every form the browser and the web app manifest ask for: app/icon.svg, app/favicon.ico (32 px),
// app/apple-icon.png (180 px), public/icons/icon-192.png, icon-512.png and icon-maskable-512.png
// (full bleed, the bubble inside the safe zone). Pure Node (zlib), no image tool to install.
// Run after changing the drawing: node scripts/make-icons.mjs; the files are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const BRAND = [0x21, 0x59, 0xc4];
const WHITE = [0xff, 0xff, 0xff];

// The drawing, on a 512 × 512 canvas.
const BUBBLE = { x0: 108, y0: 128, x1: 404, y1: 340, r: 64 };
const TAIL = [
  [164, 300],
  [256, 330],
  [140, 410],
];
const DOTS = [186, 256, 326].map((cx) => ({ cx, cy: 234, r: 24 }));

const insideRoundedRect = (x, y, { x0, y0, x1, y1, r }) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return dx * dx + dy * dy <= r * r;
};
const insideTriangle = (x, y, [[ax, ay], [bx, by], [cx, cy]]) => {
  const side = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = side(ax, ay, bx, by);
  const d2 = side(bx, by, cx, cy);
  const d3 = side(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const insideCircle = (x, y, { cx, cy, r }) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** The colour at a point of the 512 canvas, or null outside the icon; `maskable` fills the square and shrinks the drawing into the safe zone. */
function colourAt(x, y, maskable) {
  if (maskable) {
    x = 256 + (x - 256) / 0.72;
    y = 256 + (y - 256) / 0.72;
  } else if (!insideRoundedRect(x, y, { x0: 0, y0: 0, x1: 512, y1: 512, r: 112 })) return null;
  const bubble = insideRoundedRect(x, y, BUBBLE) || insideTriangle(x, y, TAIL);
  return bubble && !DOTS.some((dot) => insideCircle(x, y, dot)) ? WHITE : BRAND;
}

/** RGBA pixels, 4 × 4 samples a pixel for smooth edges. */
function render(size, maskable = false) {
  const pixels = Buffer.alloc(size * size * 4);
  const SAMPLES = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt(
            ((px + (sx + 0.5) / SAMPLES) * 512) / size,
            ((py + (sy + 0.5) / SAMPLES) * 512) / size,
            maskable,
          );
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const at = (py * size + px) * 4;
      if (covered > 0)
        pixels.set(
          [
            Math.round(r / covered),
            Math.round(g / covered),
            Math.round(b / covered),
            Math.round((255 * covered) / SAMPLES ** 2),
          ],
          at,
        );
    }
  }
  return pixels;
}

function png(size, pixels) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico holding one PNG image (every browser since 2010 reads PNG inside ICO). */
function ico(size, image) {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.set([size, size, 0, 0], 6);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, image]);
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="112" fill="#2159c4"/>
  <rect x="${BUBBLE.x0}" y="${BUBBLE.y0}" width="${BUBBLE.x1 - BUBBLE.x0}" height="${BUBBLE.y1 - BUBBLE.y0}" rx="${BUBBLE.r}" fill="#fff"/>
  <path d="M${TAIL.map((point) => point.join(' ')).join(' L')} Z" fill="#fff"/>
${DOTS.map(({ cx, cy, r }) => `  <circle cx="${cx}" cy="${cy}" r="${r}" fill="#2159c4"/>`).join('\n')}
</svg>
`;

mkdirSync(path.join(ROOT, 'public/icons'), { recursive: true });
writeFileSync(path.join(ROOT, 'app/icon.svg'), svg);
writeFileSync(path.join(ROOT, 'app/favicon.ico'), ico(32, png(32, render(32))));
writeFileSync(path.join(ROOT, 'app/apple-icon.png'), png(180, render(180, true)));
for (const size of [192, 512]) writeFileSync(path.join(ROOT, `public/icons/icon-${size}.png`), png(size, render(size)));
writeFileSync(path.join(ROOT, 'public/icons/icon-maskable-512.png'), png(512, render(512, true)));
console.log('icons written');
