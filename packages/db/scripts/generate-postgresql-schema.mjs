// Writes prisma/postgresql/schema.prisma from the canonical prisma/schema.prisma: the same models,
// another provider and client output, without the Kysely generator. Run by the package build; `--check` fails if the file is stale.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const source = join(root, 'prisma/schema.prisma');
const target = join(root, 'prisma/postgresql/schema.prisma');

export function postgresqlSchema(canonical) {
  const replaced = canonical
    // The Kysely table types are generated once, from the canonical schema (the same for both databases).
    .replace(/^\/\/ Kysely's table types[\s\S]*?^generator kysely \{[\s\S]*?^\}\n\n/m, '')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../packages/db/generated/sqlite"', 'output     = "../../packages/db/generated/postgresql"')
    .replace(
      /^\/\/ The canonical schema[\s\S]*?edit only here\.\n/m,
      '// GENERATED from prisma/schema.prisma by packages/db/scripts/generate-postgresql-schema.mjs. Do not edit.\n',
    );
  if (
    !replaced.includes('provider = "postgresql"') ||
    replaced.includes('generator kysely') ||
    !replaced.includes('generated/postgresql')
  ) {
    throw new Error('prisma/schema.prisma no longer has the expected provider/output lines');
  }
  return replaced;
}

const expected = postgresqlSchema(readFileSync(source, 'utf8'));
if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== expected) {
    console.error('prisma/postgresql/schema.prisma is stale: run `pnpm --filter @openmsg/db build`');
    process.exit(1);
  }
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, expected);
}
