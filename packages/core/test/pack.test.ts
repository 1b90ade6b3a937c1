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
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CORE_DIR = path.resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(CORE_DIR, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/**
 * The package as another implementer gets it: `npm pack` (of the built dist), installed with npm in
 * an empty folder outside the repository, with no network. npm cannot read pnpm's store, so the
 * runtime dependencies are copied from this workspace's install into the folder first; npm then
 * finds them satisfied and fetches nothing (a registry that cannot answer proves it).
 */
describe('npm pack of @openmsg/core', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'openmsg-core-pack-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('installs offline in a clean folder, runs its example as ESM and as CommonJS, and typechecks a consumer', () => {
    const npm = (args: string[], cwd: string) =>
      execFileSync('npm', args, {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_update_notifier: 'false' },
      });
    npm(['pack', '--pack-destination', work, '--ignore-scripts', '--silent'], CORE_DIR);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    expect(tarball).toMatch(/^openmsg-core-\d+\.\d+\.\d+\.tgz$/);
    const listing = execFileSync('tar', ['-tzf', path.join(work, tarball!)], { encoding: 'utf8' }).split('\n');
    expect(listing).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/LICENSE',
        'package/dist/index.js',
        'package/dist/index.cjs',
        'package/dist/index.d.ts',
        'package/examples/handshake-and-message.mjs',
      ]),
    );
    expect(listing.some((name) => name.startsWith('package/src/') || name.startsWith('package/test/'))).toBe(false);

    const app = path.join(work, 'app');
    mkdirSync(path.join(app, 'node_modules'), { recursive: true });
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'implementer', version: '1.0.0', private: true }),
    );
    for (const dependency of Object.keys(manifest.dependencies)) {
      cpSync(
        realpathSync(path.join(CORE_DIR, 'node_modules', dependency)),
        path.join(app, 'node_modules', dependency),
        { recursive: true, dereference: true },
      );
    }
    npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(work, tarball!)], app);

    const example = execFileSync(process.execPath, ['node_modules/@openmsg/core/examples/handshake-and-message.mjs'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(example).toContain('delivered: {"success":true,"response_code":"SM_S888"}');
    expect(example.trim().endsWith('ok')).toBe(true);

    const commonJs = execFileSync(
      process.execPath,
      [
        '-e',
        "const c = require('@openmsg/core'); const s = c.sealMessage('hi', c.generateSecretHex()); console.log(typeof c.openMessage, s.messagePackage.length > 0, c.passcodeHash('123456', '1*a.test', '2*b.test').length)",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(commonJs.trim()).toBe('function true 64');

    // Its type declarations stand alone: a TypeScript consumer typechecks against the installed package only
    // (library declarations checked too), both entry points, the API views' types included, and its own declarations
    // can be emitted.
    writeFileSync(path.join(app, 'consumer.mts'), CONSUMER);
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          ...{
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            lib: ['es2022', 'dom'],
            types: [],
            strict: true,
            skipLibCheck: false,
          },
          // Declarations name every type a consumer's exports use: each must be reachable by name from the package.
          ...{ declaration: true, emitDeclarationOnly: true, outDir: 'types' },
        },
        files: ['consumer.mts'],
      }),
    );
    const tsc = require.resolve('typescript/bin/tsc', { paths: [CORE_DIR] });
    const typecheck = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
    expect(typecheck.stdout + typecheck.stderr).toBe('');
    expect(typecheck.status).toBe(0);
  }, 180_000); // npm pack and install, two node runs and a TypeScript program: tens of seconds on a busy machine
});

/** What an implementer writes against the package: protocol functions and the client API's routes and views. */
const CONSUMER = `import { generateSecretHex, parseAddress, sealMessage } from '@openmsg/core';
import { apiRoutes, type ApiTokenView, type Contact, type Me, type MessageView, type PassCodeView, type RouteResponse } from '@openmsg/core/api';

const sealed: string = sealMessage('hi', generateSecretHex()).messagePackage;
const address: string | undefined = parseAddress('1*a.test')?.domain;
const me: Me = { id: 'a', address: '1*a.test', addressId: '1', displayName: 'Ann', allowReplies: true, createdAt: new Date(0).toISOString(), role: 'user' };
const answer: RouteResponse<typeof apiRoutes.me> = me;
// @ts-expect-error a view carries dates as ISO strings, not Date objects
const wrong: Me = { ...me, createdAt: new Date(0) };
const lastUsed: ApiTokenView['lastUsedAt'] = null;
const views: [MessageView['deliveredAt'], Contact['peerForgotAt'], PassCodeView['expiresAt']] = [null, null, new Date(0).toISOString()];
export { address, answer, lastUsed, sealed, views, wrong };

declare function listTokens(): Promise<ApiTokenView[]>;
declare function listPassCodes(): Promise<PassCodeView[]>;
/** Inferred answers, as a controller returns them. */
export async function tokensAndCodes() {
  return { tokens: await listTokens(), codes: await listPassCodes() };
}
`;
