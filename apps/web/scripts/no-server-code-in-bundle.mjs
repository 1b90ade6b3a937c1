// Fails when the browser bundle (.next/static, after `next build`) holds server code: the Prisma
// client or its engines, NestJS, or a database driver. The client API's types in @openmsg/core/api
// are views of Prisma's model types (type-only imports): this proves they stay types.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const STATIC = path.resolve(import.meta.dirname, '../.next/static');
const MARKERS = [
  '@prisma/client',
  '.prisma/client',
  'PrismaClient',
  'PrismaClientKnownRequestError',
  'prisma/runtime',
  'query_engine',
  '@openmsg/db',
  '@nestjs/',
  'better-sqlite3',
  'pg-protocol',
];

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

let scanned;
try {
  scanned = files(STATIC).filter((file) => /\.(js|mjs|css|map|json|wasm)$/.test(file));
} catch {
  console.error(`no ${STATIC}: run \`next build\` first`);
  process.exit(1);
}
if (scanned.length === 0) {
  console.error(`no scripts under ${STATIC}: run \`next build\` first`);
  process.exit(1);
}
const found = [];
let bytes = 0;
for (const file of scanned) {
  const text = readFileSync(file, 'latin1');
  bytes += statSync(file).size;
  for (const marker of MARKERS) if (text.includes(marker)) found.push(`${path.relative(STATIC, file)}: ${marker}`);
}
if (found.length > 0) {
  console.error(`server code in the browser bundle:\n  ${found.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `no server code in the browser bundle: ${scanned.length} files, ${(bytes / 1024).toFixed(0)} KB scanned for ${MARKERS.length} markers`,
);
