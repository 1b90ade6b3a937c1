// The Dockerfile check on the real Dockerfiles, on copies with one needed line taken out, and on a
// copy of the workspace's manifests that gains a package: each miss is named.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDockerfile } from './check-dockerfiles.mjs';
import { readWorkspace } from './workspace.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DOCKERFILES = readdirSync(join(root, 'docker')).filter((f) => f.endsWith('.Dockerfile'));
const read = (name) => readFileSync(join(root, 'docker', name), 'utf8');
const without = (text, line) => {
  expect(text).toContain(line);
  return text.replace(line, '');
};

describe('the Dockerfile check', () => {
  it.each(DOCKERFILES)('passes %s as it is', (name) => {
    expect(checkDockerfile(read(name), { root, name })).toEqual([]);
  });

  it.each(DOCKERFILES)('names every workspace manifest %s stops copying', (name) => {
    const workspace = readWorkspace(root);
    for (const member of workspace.packages) {
      const line = `COPY ${member.dir}/package.json ${member.dir}/\n`;
      const problems = checkDockerfile(without(read(name), line), { root, name });
      expect(problems.join('\n')).toContain(`pnpm install needs ${member.dir}/package.json`);
    }
  });

  it('names a workspace package the server build needs but the Dockerfile does not copy', () => {
    const text = read('server.Dockerfile');
    const problems = checkDockerfile(text.replace('COPY packages packages\n', 'COPY packages/core packages/core\n'), {
      root,
      name: 'server',
    });
    expect(problems.join('\n')).toContain('building @openmsg/db needs packages/db');
    expect(problems.join('\n')).not.toContain('needs packages/core,');
  });

  it.each(DOCKERFILES)(
    'names the Prisma schema, a declared build input ($TURBO_ROOT$ in turbo.json), when %s drops it',
    (name) => {
      const line = read(name)
        .split('\n')
        .find((l) => l.startsWith('COPY prisma'));
      const problems = checkDockerfile(without(read(name), `${line}\n`), { root, name });
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems)
        expect(problem).toMatch(
          /building @openmsg\/(db|core) needs prisma(\/schema\.prisma)?, which is not copied before it/,
        );
    },
  );

  it('names the tsconfig base a package extends, and a file copied to another place counts as missing', () => {
    const text = read('server.Dockerfile');
    const moved = text.replace(
      'COPY turbo.json tsconfig.base.json ./\n',
      'COPY turbo.json ./\nCOPY tsconfig.base.json config/\n',
    );
    const problems = checkDockerfile(moved, { root, name: 'server' });
    expect(problems.join('\n')).toContain('needs tsconfig.base.json');
    expect(problems.join('\n')).not.toContain('needs turbo.json');
  });

  it('names a native module installed in a stage without a compiler', () => {
    const text = read('server.Dockerfile').replace(
      /RUN apt-get update && apt-get install[^\n]*\\\n[^\n]*\\\n/,
      'RUN true && \\\n',
    );
    expect(text).not.toContain('g++');
    const problems = checkDockerfile(text, { root, name: 'server' });
    expect(problems.join('\n')).toContain(
      'builds better-sqlite3 from source (binding.gyp), but the stage installs no g++/make/python3',
    );
  });
});

describe('the Dockerfile check on a workspace that changes', () => {
  let fixture;
  afterEach(() => fixture && rmSync(fixture, { recursive: true, force: true }));

  // The real workspace's manifests and build configuration, without sources or node_modules.
  function copyOfWorkspace() {
    fixture = mkdtempSync(join(tmpdir(), 'dockerfile-check-'));
    for (const file of [
      'package.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      '.npmrc',
      'turbo.json',
      'tsconfig.base.json',
    ]) {
      if (existsSync(join(root, file))) cpSync(join(root, file), join(fixture, file));
    }
    for (const member of readWorkspace(root).packages) {
      for (const file of ['package.json', 'tsconfig.json', 'turbo.json']) {
        const from = join(root, member.dir, file);
        if (!existsSync(from)) continue;
        mkdirSync(join(fixture, member.dir), { recursive: true });
        cpSync(from, join(fixture, member.dir, file));
      }
    }
    return fixture;
  }

  function addPackage(dir, manifest) {
    mkdirSync(join(fixture, dir), { recursive: true });
    writeFileSync(join(fixture, dir, 'package.json'), JSON.stringify(manifest));
  }

  function dependOn(dir, name) {
    const file = join(fixture, dir, 'package.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    manifest.dependencies = { ...manifest.dependencies, [name]: 'workspace:*' };
    writeFileSync(file, JSON.stringify(manifest));
  }

  it.each(DOCKERFILES)('a new workspace package the app depends on fails %s until it is copied', (name) => {
    const workspaceRoot = copyOfWorkspace();
    addPackage('packages/widgets', { name: '@openmsg/widgets', version: '0.0.0' });
    const app = readWorkspace(root).packages.find((p) => name.startsWith(p.dir.split('/')[1]));
    dependOn(app.dir, '@openmsg/widgets');
    const text = read(name);
    const problems = checkDockerfile(text, { root: workspaceRoot, name }).join('\n');
    expect(problems).toContain('pnpm install needs packages/widgets/package.json');
    const withManifest = text.replace(
      'COPY packages/core/package.json packages/core/\n',
      'COPY packages/core/package.json packages/core/\nCOPY packages/widgets/package.json packages/widgets/\n',
    );
    const stillMissing = checkDockerfile(withManifest, { root: workspaceRoot, name });
    if (text.includes('COPY packages packages\n')) expect(stillMissing).toEqual([]);
    else expect(stillMissing.join('\n')).toContain('building @openmsg/widgets needs packages/widgets');
  });

  it('a native dependency of a workspace package needs a compiler in the stage', () => {
    const workspaceRoot = copyOfWorkspace();
    const core = readWorkspace(root).packages.find((p) => p.name === '@openmsg/core');
    mkdirSync(join(workspaceRoot, core.dir, 'node_modules/fast-native'), { recursive: true });
    writeFileSync(
      join(workspaceRoot, core.dir, 'node_modules/fast-native/package.json'),
      JSON.stringify({ name: 'fast-native', version: '1.0.0' }),
    );
    writeFileSync(join(workspaceRoot, core.dir, 'node_modules/fast-native/binding.gyp'), '{}');
    const manifest = JSON.parse(readFileSync(join(workspaceRoot, core.dir, 'package.json'), 'utf8'));
    manifest.dependencies = { ...manifest.dependencies, 'fast-native': '^1.0.0' };
    writeFileSync(join(workspaceRoot, core.dir, 'package.json'), JSON.stringify(manifest));
    const plain = 'FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN pnpm install --filter "@openmsg/core..."\n';
    // pnpm 10 builds only what onlyBuiltDependencies lists: unlisted, the package is not compiled.
    expect(checkDockerfile(plain, { root: workspaceRoot, name: 'plain' })).toEqual([]);
    const workspaceFile = join(workspaceRoot, 'pnpm-workspace.yaml');
    writeFileSync(
      workspaceFile,
      readFileSync(workspaceFile, 'utf8').replace(
        'onlyBuiltDependencies:\n',
        'onlyBuiltDependencies:\n  - fast-native\n',
      ),
    );
    expect(checkDockerfile(plain, { root: workspaceRoot, name: 'plain' })).toEqual([
      expect.stringContaining('builds fast-native from source'),
    ]);
    const withTools = plain.replace(
      'WORKDIR /app\n',
      'WORKDIR /app\nRUN apt-get update && apt-get install -y g++ make python3\n',
    );
    expect(checkDockerfile(withTools, { root: workspaceRoot, name: 'plain' })).toEqual([]);
    expect(dirname(join(workspaceRoot, core.dir))).toBe(join(workspaceRoot, 'packages'));
  });
});
