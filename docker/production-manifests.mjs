// Rewrites the workspace's package.json files for a production install: drops devDependencies and
// the packages only the build uses, so that pnpm cannot link them in as another package's peer.
//   node docker/production-manifests.mjs <package.json>... [--drop name,name]
// Why: @prisma/client declares the Prisma CLI and TypeScript as optional peers; with
// auto-install-peers (the lockfile's setting) a --prod install still links them (and effect, the
// CLI's dependency: ~110 MB) because the workspace has them as devDependencies. The generated
// clients in packages/db carry their own runtime, so @prisma/client itself is a build tool here.
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const dropAt = args.indexOf('--drop');
const drop = dropAt === -1 ? [] : args[dropAt + 1].split(',');
const files = dropAt === -1 ? args : args.slice(0, dropAt);
for (const file of files) {
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  delete manifest.devDependencies;
  for (const name of drop) delete manifest.dependencies?.[name];
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
