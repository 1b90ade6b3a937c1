// First-load JavaScript per page of the last `next build`: the scripts a page's HTML loads (the
// polyfills, the runtime's root files, the page's and its layouts' entry chunks), raw and gzipped.
// Pages are rendered per request (CSP nonces), so this reads the build manifests, not prerendered
// HTML. (Next 16 with Turbopack no longer prints this table.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const NEXT = path.resolve(import.meta.dirname, '../.next');
const APP = path.join(NEXT, 'server/app');

/** Each page's client reference manifest, as a path under .next/server/app ending in "page". */
function pages(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return pages(path.join(dir, entry.name), `${prefix}/${entry.name}`);
    return entry.name === 'page_client-reference-manifest.js' && !prefix.includes('/_') ? [`${prefix}/page`] : [];
  });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [];
for (const page of pages(APP)) {
  const source = readFileSync(path.join(APP, `${page}_client-reference-manifest.js`), 'utf8');
  const manifest = JSON.parse(source.slice(source.indexOf('] = ') + 4).replace(/;\s*$/, ''));
  const build = JSON.parse(readFileSync(path.join(APP, page, 'build-manifest.json'), 'utf8'));
  const scripts = new Set([...build.polyfillFiles, ...build.rootMainFiles]);
  for (const files of Object.values(manifest.entryJSFiles ?? {})) for (const file of files) scripts.add(file);
  let raw = 0;
  let gzip = 0;
  for (const file of scripts) {
    const body = readFileSync(path.join(NEXT, file));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  const route = page.replace(/\/\([^)]+\)/g, '').replace(/\/page$/, '') || '/';
  rows.push({ route, scripts: scripts.size, raw, gzip });
}
rows.sort((a, b) => a.route.localeCompare(b.route));
console.log('route'.padEnd(20), 'scripts'.padStart(7), 'raw'.padStart(10), 'gzip'.padStart(10));
for (const row of rows)
  console.log(
    row.route.padEnd(20),
    String(row.scripts).padStart(7),
    kb(row.raw).padStart(10),
    kb(row.gzip).padStart(10),
  );
