// The pnpm workspace as the Dockerfile check needs it: each package's name, folder and manifest,
// and the closure a `--filter "name..."` selects (the package and the workspace packages it depends on).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The dependencies whose build scripts pnpm runs: pnpm 10 runs none but those listed under
 * `onlyBuiltDependencies` in pnpm-workspace.yaml (the others install their prebuilt files or nothing).
 */
export function builtDependencies(root) {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = /^onlyBuiltDependencies:\n((?:[ \t]+.*\n|[ \t]*#.*\n)*)/m.exec(yaml)?.[1] ?? '';
  return new Set([...block.matchAll(/^\s*-\s*['"]?([^'"\s#]+)['"]?\s*$/gm)].map((m) => m[1]));
}

export function readWorkspace(root) {
  const globs = [
    ...readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8').matchAll(/^\s*-\s*['"]?([^'"\s#]+)['"]?\s*$/gm),
  ]
    .map((m) => m[1])
    .filter((glob) => !glob.startsWith('!'));
  const packages = [];
  for (const glob of globs) {
    const dirs = glob.endsWith('/*') ? listDirs(root, glob.slice(0, -2)) : [glob];
    for (const dir of dirs) {
      const file = join(root, dir, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      packages.push({ name: manifest.name, dir, manifest });
    }
  }
  const byName = new Map(packages.map((p) => [p.name, p]));

  /** The packages `--filter` selectors pick: "name..." adds what it depends on; "." is the root. */
  function closure(filters, { prod }) {
    const picked = new Map();
    const visit = (member, withDependencies) => {
      if (picked.has(member.name)) return;
      picked.set(member.name, member);
      if (!withDependencies) return;
      const { dependencies, devDependencies, optionalDependencies, peerDependencies } = member.manifest;
      const names = Object.keys({
        ...dependencies,
        ...optionalDependencies,
        ...peerDependencies,
        ...(prod ? {} : devDependencies),
      });
      for (const name of names) if (byName.has(name)) visit(byName.get(name), true);
    };
    for (const filter of filters) {
      if (filter === '.') continue;
      const withDependencies = filter.endsWith('...');
      const name = withDependencies ? filter.slice(0, -3) : filter;
      const member = byName.get(name);
      if (!member) throw new Error(`--filter ${filter}: no workspace package is called ${name}`);
      visit(member, withDependencies);
    }
    return [...picked.values()];
  }

  return { packages, closure };
}

function listDirs(root, parent) {
  const full = join(root, parent);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${parent}/${entry.name}`)
    .sort();
}
