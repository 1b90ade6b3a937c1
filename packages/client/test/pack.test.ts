import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLIENT_DIR = path.resolve(__dirname, '..');
const CORE_DIR = path.resolve(CLIENT_DIR, '../core');
const require = createRequire(__filename);
const TSC = require.resolve('typescript/bin/tsc');

/** The runtime dependencies of a workspace package, as its manifest lists them (workspace packages aside: they come as tarballs). */
function runtimeDependencies(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@openmsg/'));
}

/** A consumer's code, typechecked against the packed declarations. Each @ts-expect-error fails the check if the types went loose (any). */
const CONSUMER = `
import { apiRoutes, isOpenmsgError, OpenmsgClient, OpenmsgError, type ClientErrorCode, type MessageView, type StreamEvent } from '@openmsg/client';

export async function consumer(): Promise<string> {
  const client = new OpenmsgClient({ baseUrl: 'https://node.example', token: 'om_x' });
  const sent: MessageView = await client.api.sendMessage({ body: { to: '1*a.example', text: 'hi' } });
  const page = await client.call(apiRoutes.conversationMessages, { params: { conversationId: sent.conversationId ?? '' }, query: { limit: 5 } });
  const first: string | undefined = page.items[0]?.text;
  // @ts-expect-error a message needs its text
  await client.api.sendMessage({ body: { to: '1*a.example' } });
  // @ts-expect-error the path parameter is conversationId
  await client.api.conversationMessages({ params: { id: 'x' } });
  // @ts-expect-error the event stream is not a JSON call
  await client.api.events();
  const stream = client.events({ onEvent: (event: StreamEvent) => void (event.type === 'message.created' && event.message.text), onResync: () => undefined });
  stream.close();
  try {
    await client.api.me();
  } catch (error) {
    if (isOpenmsgError(error, 'validation_failed')) return error.fields.join(',');
    if (error instanceof OpenmsgError) {
      const code: ClientErrorCode = error.code;
      // @ts-expect-error the code is a union of strings, not any
      const asNumber: number = error.code;
      // @ts-expect-error not a code of the contract
      const wrong: ClientErrorCode = 'no_such_code';
      return code + wrong + error.status + asNumber;
    }
  }
  return first ?? '';
}
`;

/**
 * @openmsg/client as a developer gets it: packed (pnpm pack, which writes @openmsg/core's version
 * for \`workspace:*\`), installed with npm in an empty folder outside the repository with
 * @openmsg/core's tarball and no network, then imported, required, typechecked from a consumer's
 * code (ESM and CommonJS, without skipLibCheck) and its terminal client run.
 */
describe('pack of @openmsg/client', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'openmsg-client-pack-'));
  const app = path.join(work, 'app');
  const tarballs: Record<string, string> = {};
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    for (const [name, dir] of [
      ['core', CORE_DIR],
      ['client', CLIENT_DIR],
    ] as const) {
      const destination = path.join(work, name);
      mkdirSync(destination);
      execFileSync('pnpm', ['pack', '--pack-destination', destination], { cwd: dir, encoding: 'utf8' });
      tarballs[name] = path.join(
        destination,
        readdirSync(destination).find((file) => file.endsWith('.tgz'))!,
      );
    }
    mkdirSync(path.join(app, 'node_modules'), { recursive: true });
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
    );
    // npm cannot read pnpm's store: the third-party runtime dependencies are copied in, so npm finds them satisfied and fetches nothing.
    for (const dir of [CORE_DIR, CLIENT_DIR]) {
      for (const dependency of runtimeDependencies(dir)) {
        cpSync(realpathSync(path.join(dir, 'node_modules', dependency)), path.join(app, 'node_modules', dependency), {
          recursive: true,
          dereference: true,
        });
      }
    }
    execFileSync(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarballs.core!, tarballs.client!],
      {
        cwd: app,
        encoding: 'utf8',
        env: { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_update_notifier: 'false' },
      },
    );
  });

  it('holds the builds, declarations, example, README and LICENSE, and depends on a published @openmsg/core version', () => {
    const listing = execFileSync('tar', ['-tzf', tarballs.client!], { encoding: 'utf8' }).split('\n');
    expect(listing).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/LICENSE',
        'package/dist/index.js',
        'package/dist/index.cjs',
        'package/dist/index.d.ts',
        'package/dist/index.d.cts',
        'package/examples/openmsg-cli.mjs',
      ]),
    );
    expect(listing.some((name) => name.startsWith('package/src/') || name.startsWith('package/test/'))).toBe(false);
    const packed = JSON.parse(
      execFileSync('tar', ['-xzOf', tarballs.client!, 'package/package.json'], { encoding: 'utf8' }),
    ) as { dependencies: Record<string, string> };
    const coreVersion = (JSON.parse(readFileSync(path.join(CORE_DIR, 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(packed.dependencies['@openmsg/core']).toBe(coreVersion);
  });

  it('declares types that import nothing but its published dependencies', () => {
    const declarations = readdirSync(path.join(app, 'node_modules/@openmsg/client/dist')).filter((file) =>
      /\.d\.c?ts$/.test(file),
    );
    const imported = new Set<string>();
    for (const file of declarations) {
      const text = readFileSync(path.join(app, 'node_modules/@openmsg/client/dist', file), 'utf8');
      for (const match of text.matchAll(/from '([^'.][^']*)'/g)) imported.add(match[1]!);
    }
    expect([...imported].sort()).toEqual(['@openmsg/core']);
  });

  /** tsc's errors for the consumer's code, ESM and CommonJS, without skipLibCheck (run once, read by two tests). */
  let typecheckErrors: string[] | undefined;
  const typecheckConsumer = (): string[] => {
    if (typecheckErrors) return typecheckErrors;
    writeFileSync(path.join(app, 'consumer.mts'), CONSUMER);
    writeFileSync(path.join(app, 'consumer.cts'), CONSUMER);
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: [],
        },
        files: ['consumer.mts', 'consumer.cts'],
      }),
    );
    // A CommonJS project on the older resolution (no subpath exports), which is what `module: commonjs` picks by default.
    writeFileSync(path.join(app, 'consumer-node10.ts'), CONSUMER);
    writeFileSync(
      path.join(app, 'tsconfig.node10.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          module: 'commonjs',
          moduleResolution: 'node10',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: [],
          esModuleInterop: true,
          ignoreDeprecations: '5.0',
        },
        files: ['consumer-node10.ts'],
      }),
    );
    typecheckErrors = ['tsconfig.json', 'tsconfig.node10.json'].flatMap((project) => {
      const check = spawnSync(process.execPath, [TSC, '-p', project], { cwd: app, encoding: 'utf8' });
      return (check.stdout + check.stderr).split('\n').filter((line) => line.trim() !== '');
    });
    return typecheckErrors;
  };
  const inCore = (line: string) => line.startsWith('node_modules/@openmsg/core/');

  it("typechecks a consumer's code from a clean folder against its declarations: ESM, CommonJS, and CommonJS on the older resolution", () => {
    expect(typecheckConsumer().filter((line) => !inCore(line))).toEqual([]);
  }, 240_000); // two runs of tsc over zod's declarations: about 30 s each on a busy 2-core machine

  // @openmsg/core's packed declarations stand alone (model types generated into core, not imported from db).
  it("typechecks @openmsg/core's declarations in the consumer's folder too", () => {
    expect(typecheckConsumer().filter(inCore)).toEqual([]);
  });

  it('imports as ESM and requires as CommonJS, and runs its terminal client', () => {
    const esm = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { OpenmsgClient, OpenmsgError, apiRoutes } from '@openmsg/client'; const c = new OpenmsgClient({ baseUrl: 'http://x', token: 'om_x' }); console.log(typeof c.api.sendMessage, typeof c.api.events, new OpenmsgError(404, 'not_found', 'x') instanceof Error, apiRoutes.sendMessage.path)",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(esm.trim()).toBe('function undefined true /messages');
    const commonJs = execFileSync(
      process.execPath,
      [
        '-e',
        "const { OpenmsgClient, isOpenmsgError } = require('@openmsg/client'); console.log(typeof new OpenmsgClient().api.listConversations, isOpenmsgError(new Error()))",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(commonJs.trim()).toBe('function false');

    const help = spawnSync(path.join(app, 'node_modules/.bin/openmsg-cli'), ['--help'], { cwd: app, encoding: 'utf8' });
    expect({ status: help.status, usage: help.stdout.startsWith('usage: openmsg-cli') }).toEqual({
      status: 0,
      usage: true,
    });
    // Nothing listens on port 9: the call fails as `offline`, said on stderr with exit status 1.
    const offline = spawnSync(path.join(app, 'node_modules/.bin/openmsg-cli'), ['whoami'], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, OPENMSG_URL: 'http://127.0.0.1:9', OPENMSG_TOKEN: 'om_x' },
    });
    expect({ status: offline.status, stderr: offline.stderr }).toEqual({
      status: 1,
      stderr: 'openmsg-cli: offline: cannot reach the node\n',
    });
  });
});
