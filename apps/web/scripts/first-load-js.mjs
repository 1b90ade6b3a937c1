// First-load JavaScript per prerendered page of the last `next build`: the scripts each page's HTML
// loads, raw and gzipped. (Next 16 with Turbopack no longer prints this table.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const NEXT = path.resolve(import.meta.dirname, '../.next');
const APP = path.join(NEXT, 'server/app');

function htmlFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return htmlFiles(path.join(dir, entry.name), `${prefix}/${entry.name}`);
    return entry.name.endsWith('.html') && !entry.name.startsWith('_') ? [`${prefix}/${entry.name}`] : [];
  });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [];
for (const file of htmlFiles(APP)) {
  const html = readFileSync(path.join(APP, file), 'utf8');
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g)].map((match) => match[1]))];
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    const body = readFileSync(path.join(NEXT, 'static', src.replace('/_next/static/', '')));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  const route = file.replace(/\/\([^)]+\)/g, '').replace(/\.html$/, '').replace(/\/index$/, '') || '/';
  rows.push({ route, scripts: scripts.length, raw, gzip });
}
rows.sort((a, b) => a.route.localeCompare(b.route));
console.log('route'.padEnd(14), 'scripts'.padStart(7), 'raw'.padStart(10), 'gzip'.padStart(10));
for (const row of rows) console.log(row.route.padEnd(14), String(row.scripts).padStart(7), kb(row.raw).padStart(10), kb(row.gzip).padStart(10));
