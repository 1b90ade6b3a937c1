// Writes src/database-tables.generated.ts (Kysely's table types) from the canonical prisma/schema.prisma
// with the schema's `kysely` generator (prisma-kysely). `--check` generates into a temporary folder
// instead and fails if the committed file differs: the schema changed without regenerating.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = join(packageDir, '../../prisma/schema.prisma');
const fileName = 'database-tables.generated.ts';
const committed = join(packageDir, 'src', fileName);

function generate(schemaPath) {
  const bin = join(packageDir, 'node_modules/.bin');
  execFileSync(
    join(bin, 'prisma'),
    ['generate', '--config', 'prisma.sqlite.config.ts', '--schema', schemaPath, '--generator', 'kysely', '--no-hints'],
    {
      cwd: packageDir,
      // A valid URL for the provider keeps `prisma generate` from looking for an engine to download.
      // prisma runs the generator by its command name (prisma-kysely), found on PATH.
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, DATABASE_URL: 'file:./unused.db' },
      stdio: 'pipe',
    },
  );
}

if (process.argv.includes('--check')) {
  const dir = mkdtempSync(join(tmpdir(), 'openmsg-kysely-'));
  try {
    const output = 'output               = "../packages/db/src"';
    const canonical = readFileSync(schema, 'utf8');
    if (!canonical.includes(output))
      throw new Error(`prisma/schema.prisma: the kysely generator no longer has \`${output}\``);
    writeFileSync(
      join(dir, 'schema.prisma'),
      canonical.replace(output, `output               = ${JSON.stringify(dir)}`),
    );
    generate(join(dir, 'schema.prisma'));
    if (readFileSync(join(dir, fileName), 'utf8') !== readFileSync(committed, 'utf8')) {
      console.error(
        `packages/db/src/${fileName} differs from prisma/schema.prisma: run \`pnpm --filter @openmsg/db generate:tables\``,
      );
      process.exit(1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  generate(schema);
}
