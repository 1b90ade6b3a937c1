// Creates the next migration for both databases from the change in prisma/schema.prisma:
//   pnpm --filter @openmsg/db migration:create <name>
// Each provider's SQL is the diff between its existing migrations (replayed into a scratch
// database) and the schema. PostgreSQL needs a scratch server: OPENMSG_SHADOW_POSTGRES_URL
// (default postgresql://postgres@127.0.0.1:5432/postgres).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: migration:create <name in snake_case>');
  process.exit(2);
}
execFileSync('node', [join(here, 'generate-postgresql-schema.mjs')], { stdio: 'inherit' });
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const shadowPg = process.env.OPENMSG_SHADOW_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

for (const kind of ['sqlite', 'postgresql']) {
  const migrations = join(root, 'prisma/migrations', kind);
  const schema = join(root, kind === 'sqlite' ? 'prisma/schema.prisma' : 'prisma/postgresql/schema.prisma');
  const url = kind === 'sqlite' ? `file:${join(mkdtempSync(join(tmpdir(), 'openmsg-shadow-')), 'shadow.db')}` : shadowPg;
  const sql = execFileSync(
    'pnpm',
    ['exec', 'prisma', 'migrate', 'diff', '--config', `prisma.${kind}.config.ts`, '--from-migrations', migrations, '--shadow-database-url', url, '--to-schema-datamodel', schema, '--script'],
    { cwd: join(here, '..'), env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' },
  );
  if (!sql.trim() || sql.includes('This is an empty migration')) {
    console.log(`${kind}: no change`);
    continue;
  }
  const dir = join(migrations, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql);
  console.log(`${kind}: ${dir} (${readdirSync(migrations).length - 1} migrations)`);
}
