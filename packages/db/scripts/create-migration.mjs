// Creates the next migration for both databases from the change in prisma/schema.prisma:
//   pnpm --filter @openmsg/db migration:create <name> [git ref, default HEAD]
// Each provider's SQL is the diff between the schema as committed at the ref and the schema in the
// working tree. (Diffing against replayed migrations needs a shadow database, which Prisma refuses
// when the config defines a driver adapter, and without the adapter the CLI downloads an engine.)
// The PostgreSQL adapter still connects, to OPENMSG_SHADOW_POSTGRES_URL (default: the local server).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresqlSchema } from './generate-postgresql-schema.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const [name, ref = 'HEAD'] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: migration:create <name in snake_case> [git ref to diff from, default HEAD]');
  process.exit(2);
}
const committed = execFileSync('git', ['show', `${ref}:prisma/schema.prisma`], { cwd: root, encoding: 'utf8' });
const scratch = mkdtempSync(join(tmpdir(), 'openmsg-migration-'));
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);

const providers = {
  sqlite: { before: committed, after: join(root, 'prisma/schema.prisma'), url: 'file:./unused.db' },
  postgresql: {
    before: postgresqlSchema(committed),
    after: join(root, 'prisma/postgresql/schema.prisma'),
    url: process.env.OPENMSG_SHADOW_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  },
};

for (const [kind, { before, after, url }] of Object.entries(providers)) {
  const beforePath = join(scratch, `${kind}.prisma`);
  writeFileSync(beforePath, before);
  const sql = execFileSync(
    'pnpm',
    [
      'exec',
      'prisma',
      'migrate',
      'diff',
      '--config',
      `prisma.${kind}.config.ts`,
      '--from-schema-datamodel',
      beforePath,
      '--to-schema-datamodel',
      after,
      '--script',
    ],
    { cwd: join(here, '..'), env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' },
  );
  if (!sql.trim() || sql.includes('This is an empty migration')) {
    console.log(`${kind}: no change`);
    continue;
  }
  const migrations = join(root, 'prisma/migrations', kind);
  const dir = join(migrations, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql);
  console.log(`${kind}: ${dir} (${readdirSync(migrations).length - 1} migrations)`);
}
