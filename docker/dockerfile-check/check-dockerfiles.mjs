// Checks that each Dockerfile's build stages copy everything their pnpm install and turbo build
// need, derived from the workspace itself rather than a hand list:
// - before `pnpm install`: the root manifests and every workspace package's package.json (the
//   lockfile covers them all), and a C++ toolchain in the stage when a package the install builds
//   compiles native code (it has a binding.gyp: no prebuilt binary can be fetched here);
// - before `turbo run build --filter X...`: the folder of X and of every workspace package it
//   depends on (dependencies and devDependencies, as turbo's ^build follows them), the files their
//   tsconfig `extends`, and what their turbo.json declares as `$TURBO_ROOT$/...` inputs.
// A miss is one line naming the Dockerfile, the stage, the instruction and the missing path.
//   node docker/dockerfile-check/check-dockerfiles.mjs [Dockerfile...]   (default: docker/*.Dockerfile)
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDockerfile } from './parse-dockerfile.mjs';
import { builtDependencies, readWorkspace } from './workspace.mjs';

const ROOT_MANIFESTS = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc'];
const BUILD_TOOLS = /apt-get install[^&;]*(?<![\w+])(g\+\+|build-essential)(?![\w+])/;

/** Problems of one Dockerfile (empty when it copies everything it needs). */
export function checkDockerfile(text, { root, name = 'Dockerfile' }) {
  const workspace = readWorkspace(root);
  const stages = parseDockerfile(text);
  const problems = [];
  for (const stage of stages) {
    const chain = stageChain(stages, stage);
    for (const [index, step] of stage.steps.entries()) {
      if (step.kind !== 'RUN') continue;
      const copied = copiedBefore(chain, stage, index);
      const where = `${name}: stage ${stage.name ?? stages.indexOf(stage)}, line ${step.line} (${step.summary})`;
      for (const install of pnpmInstalls(step.text)) {
        const required = [
          ...ROOT_MANIFESTS.filter((file) => existsSync(join(root, file))),
          ...workspace.packages.map((p) => `${p.dir}/package.json`),
        ];
        for (const path of required)
          if (!isCopied(copied, path))
            problems.push(`${where}: pnpm install needs ${path}, which is not copied before it`);
        const members = install.filters.length
          ? workspace.closure(install.filters, { prod: install.prod })
          : workspace.packages;
        const native = nativeModules(root, members, { prod: install.prod });
        const hasTools = chain.some((s) =>
          s.steps.some((other) => other.kind === 'RUN' && BUILD_TOOLS.test(other.text)),
        );
        if (native.length && !hasTools) {
          problems.push(
            `${where}: pnpm install builds ${native.join(', ')} from source (binding.gyp), but the stage installs no g++/make/python3`,
          );
        }
      }
      for (const filters of turboBuilds(step.text)) {
        for (const member of workspace.closure(filters, { prod: false })) {
          for (const path of buildInputs(root, member)) {
            if (!isCopied(copied, path))
              problems.push(`${where}: building ${member.name} needs ${path}, which is not copied before it`);
          }
        }
      }
    }
  }
  return problems;
}

/** The stage and the stages it starts FROM, base first. */
function stageChain(stages, stage) {
  const chain = [stage];
  for (let current = stage; ;) {
    const base = stages.find((s) => s.name && s.name === current.from);
    if (!base || chain.includes(base)) return chain.reverse();
    chain.push(base);
    current = base;
  }
}

/** Repository paths copied into the image (at the same place under WORKDIR) before step `index` of `stage`. */
function copiedBefore(chain, stage, index) {
  const paths = [];
  for (const s of chain) {
    const steps = s === stage ? s.steps.slice(0, index) : s.steps;
    for (const step of steps) if (step.kind === 'COPY' && !step.fromStage) paths.push(...contextPathsAtHome(step));
  }
  return paths;
}

/** The sources of a COPY that land where they are in the repository (relative to a WORKDIR of /app or /). */
function contextPathsAtHome(step) {
  const { sources, dest, workdir } = step;
  const target = posix.normalize(posix.isAbsolute(dest) ? dest : posix.join(workdir, dest));
  const home = (path) => posix.normalize(posix.join(appRoot(workdir), path));
  const intoDir = dest.endsWith('/') || sources.length > 1;
  return sources
    .map((source) => posix.normalize(source).replace(/\/$/, ''))
    .filter((source) => {
      if (source === '.') return target === posix.normalize(appRoot(workdir));
      return intoDir ? home(posix.dirname(source)) === target.replace(/\/$/, '') : home(source) === target;
    });
}

// The repository's root inside the image: the first WORKDIR a stage set (the Dockerfiles use /app).
function appRoot(workdir) {
  return workdir.split('/').slice(0, 2).join('/') || '/';
}

function isCopied(copied, path) {
  return copied.some((source) => source === '.' || source === path || path.startsWith(`${source}/`));
}

/** Each `pnpm install` of a RUN line, with its --filter selectors and whether it is --prod. */
function pnpmInstalls(text) {
  return commands(text, /\bpnpm (?:install|i)\b/).map((command) => ({
    filters: filtersOf(command),
    prod: /--prod\b/.test(command),
  }));
}

/** The --filter selectors of each `turbo run build` of a RUN line. */
function turboBuilds(text) {
  return commands(text, /\bturbo run [^&;|]*\bbuild\b/).map(filtersOf);
}

function commands(text, pattern) {
  return text.split(/&&|;|\|\|/).filter((command) => pattern.test(command));
}

function filtersOf(command) {
  return [...command.matchAll(/--filter[= ]+["']?([^"'\s]+)["']?/g)].map((m) => m[1]);
}

/** What building a workspace package reads outside its dependencies: its folder, tsconfig bases, turbo inputs. */
function buildInputs(root, member) {
  const inputs = new Set([member.dir]);
  if (existsSync(join(root, 'turbo.json'))) inputs.add('turbo.json');
  for (let config = join(root, member.dir, 'tsconfig.json'); existsSync(config);) {
    const base = JSON.parse(stripJsonComments(readFileSync(config, 'utf8'))).extends;
    if (typeof base !== 'string' || !base.startsWith('.')) break;
    config = resolve(dirname(config), base.endsWith('.json') ? base : `${base}.json`);
    inputs.add(relative(root, config));
  }
  const turbo = join(root, member.dir, 'turbo.json');
  if (existsSync(turbo)) {
    const tasks = JSON.parse(readFileSync(turbo, 'utf8')).tasks ?? {};
    for (const input of tasks.build?.inputs ?? []) {
      const match = /^\$TURBO_ROOT\$\/(.+?)(\/\*\*.*)?$/.exec(input);
      if (match) inputs.add(match[1]);
    }
  }
  return [...inputs].filter((path) => !path.startsWith('..'));
}

function stripJsonComments(text) {
  return text.replace(/^\s*\/\/.*$/gm, '');
}

/**
 * Installed packages with a binding.gyp among the dependencies of `members` (transitively) that pnpm builds (listed
 * in onlyBuiltDependencies; one it does not build, such as @parcel/watcher, uses its prebuilt npm package).
 */
function nativeModules(root, members, { prod }) {
  const built = builtDependencies(root);
  const found = new Set();
  const seen = new Set();
  const queue = members.map((member) => ({ dir: join(root, member.dir), manifest: member.manifest, top: !prod }));
  while (queue.length) {
    const { dir, manifest, top } = queue.pop();
    const names = Object.keys({
      ...manifest.dependencies,
      ...manifest.optionalDependencies,
      ...(top ? manifest.devDependencies : {}),
    });
    for (const name of names) {
      const installed = resolvePackage(dir, name);
      if (!installed || seen.has(installed)) continue;
      seen.add(installed);
      const packageManifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
      if (existsSync(join(installed, 'binding.gyp')) && built.has(packageManifest.name))
        found.add(packageManifest.name);
      queue.push({ dir: installed, manifest: packageManifest, top: false });
    }
  }
  return [...found].sort();
}

// Node's lookup: <dir>/node_modules/<name>, then each parent's (pnpm's virtual store resolves this way too).
function resolvePackage(from, name) {
  for (let dir = from; ; dir = dirname(dir)) {
    if (!dir.endsWith('/node_modules')) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    }
    if (dirname(dir) === dir) return null;
  }
}

function main() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const args = process.argv.slice(2);
  const files = args.length
    ? args
    : readdirSync(join(root, 'docker'))
        .filter((f) => f.endsWith('.Dockerfile'))
        .map((f) => join('docker', f));
  let problems = 0;
  for (const file of files) {
    const path = resolve(root, file);
    if (!statSync(path).isFile()) continue;
    const found = checkDockerfile(readFileSync(path, 'utf8'), { root, name: relative(root, path) });
    for (const problem of found) console.error(problem);
    problems += found.length;
    if (!found.length) console.log(`${relative(root, path)}: copies everything its install and build need`);
  }
  process.exit(problems ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
