// One lint base for every workspace package; packages run `eslint .` from their own folder.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Framework and database code: packages/core is the pure protocol and API contract and imports none of it. */
// A bare name also matches its subpaths (gitignore-style patterns): 'next' covers 'next/server'.
const FRAMEWORKS = [
  '@nestjs/*',
  'next',
  'react',
  'react-dom',
  '@prisma/*',
  'prisma',
  'fastify',
  '@fastify/*',
  'pg',
  'better-sqlite3',
  '@tanstack/*',
];
const frameworkPatterns = FRAMEWORKS.map((name) => ({
  group: [name],
  message: 'packages/core stays free of framework code: put this in an app.',
}));
/** The other app, by package name or by a relative path that climbs into it. */
const otherApp = (name) => ({
  group: [`@openmsg/${name}`, `@openmsg/${name}/*`, `**/apps/${name}/**`, `../${name}/**`, `../../${name}/**`],
  message: 'apps never import each other: share code through packages/core.',
});

/**
 * The server's folders (apps/server/src/*) by floor, lowest first. A folder imports only folders on lower floors: no import
 * runs back up and no two folders import each other. A new folder, or an import a floor does not allow yet, means
 * placing the folder here (and in ARCHITECTURE.md's table of floors). main.ts and app.module.ts sit above them all.
 */
const SERVER_FLOORS = [
  ['config', 'logging', 'runtime'],
  ['database', 'events', 'peers'],
  // http answers storage faults that database recognises (api-exception.filter.ts); files caps shared-file requests.
  ['http', 'node-keys', 'rate-limits'],
  ['accounts', 'conformance', 'files', 'health', 'metrics', 'node-info', 'peer-extensions'],
  ['api-tokens', 'connections', 'delivery', 'passcodes', 'push'],
  ['auth', 'file-transfer', 'handshake', 'messages'],
  ['admin', 'contacts', 'federation', 'maintenance'],
  ['cli', 'conversations', 'export', 'realtime'],
];
const serverFolders = readdirSync(new URL('./apps/server/src', import.meta.url), { withFileTypes: true }).filter(
  (entry) => entry.isDirectory(),
);
const unplaced = serverFolders.map((entry) => entry.name).filter((name) => !SERVER_FLOORS.flat().includes(name));
if (unplaced.length > 0)
  throw new Error(
    `apps/server/src/${unplaced.join(', ')}: put the folder on a floor of SERVER_FLOORS in eslint.config.mjs`,
  );
/** The lint block that keeps `folder` from importing its own floor or any above it (relative imports, up to three levels deep). */
function serverFloorRule(folder, { files = [`apps/server/src/${folder}/**/*.ts`], allow = [] } = {}) {
  const floor = SERVER_FLOORS.findIndex((folders) => folders.includes(folder));
  const above = SERVER_FLOORS.slice(floor)
    .flat()
    .filter((other) => other !== folder && !allow.includes(other));
  const group = above.flatMap((other) =>
    ['../', '../../', '../../../'].flatMap((up) => [`${up}${other}`, `${up}${other}/**`]),
  );
  const message = `${folder} is on floor ${floor} of the server (eslint.config.mjs, SERVER_FLOORS): it imports only folders on lower floors.`;
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [otherApp('web'), { group, message }] }],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/.next/**',
      '**/node_modules/**',
      '**/generated/**',
      '**/*.generated.ts',
      '**/coverage/**',
      '**/test-results/**',
      '**/*.config.*',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The web inbox runs in the browser.
    files: ['apps/web/**/*.{ts,tsx}', '**/app/**/*.{ts,tsx}', '**/components/**/*.tsx', '**/lib/**/*.{ts,tsx}'],
    ignores: ['**/e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The inbox's service worker: plain scripts in the worker's global scope.
    files: ['apps/web/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.serviceworker } },
  },
  {
    // React's rules of hooks, and the React Compiler's checks (effects, refs, purity), for the inbox.
    files: ['apps/web/**/*.{ts,tsx}', '**/app/**/*.{ts,tsx}', '**/components/**/*.{ts,tsx}', '**/lib/**/*.{ts,tsx}'],
    ignores: ['**/e2e/**', 'apps/server/**', 'packages/**'],
    ...reactHooks.configs.flat.recommended,
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Every sentence of the inbox comes from the catalogues (messages/<locale>/*.json, through next-intl): a text or
    // a label written into JSX is a sentence only English readers would get. Test and e2e code may write them.
    files: ['apps/web/app/**/*.tsx', 'apps/web/components/**/*.tsx', 'apps/web/lib/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['aria-label', 'placeholder', 'title', 'alt', 'label', 'hint', 'aria-valuetext'],
          },
          // Translations, class names and keys: t('key'), t.rich('key', …), field('name').
          callees: {
            exclude: [
              ...['t', 't[A-Z]\\w*', 't\\.\\w+', '\\w+\\.t', 'field', 'useTranslations', 'getTranslations'],
              ...['startsWith', 'endsWith', 'includes', 'indexOf', 'querySelector', 'getElementById', 'dispatch'],
            ],
          },
          message: 'write user-facing text in messages/en/<namespace>.json (and its translations) and use t()',
        },
      ],
    },
  },
  // Import boundaries. Globs are relative to this file, so they hold when a package lints from its own folder.
  {
    files: ['apps/web/**/*.{ts,tsx,mjs}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            otherApp('server'),
            {
              group: ['@openmsg/db', '@openmsg/db/*', '@prisma/*'],
              message: 'the browser bundle holds no database code: use the API types of @openmsg/core/api.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [otherApp('web')],
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['Param', 'Query'],
              message:
                'take path parameters and queries with @RouteParams()/@RouteQuery(): typed and validated by the route contract.',
            },
          ],
        },
      ],
    },
  },
  ...SERVER_FLOORS.flat().map((folder) => serverFloorRule(folder)),
  {
    files: ['packages/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...frameworkPatterns,
            {
              group: ['@openmsg/db', '@openmsg/db/*'],
              message:
                'packages/core imports no database code: its API views pick from the model types generated from the schema at build.',
            },
            otherApp('server'),
            otherApp('web'),
          ],
        },
      ],
      // A view is an interface that only extends ViewOf<...>: a name of its own, which consumers' declarations can use.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // The published client package: the contract from core, nothing of the node, the inbox, a framework or a database.
    files: ['packages/client/**/*.{ts,mjs}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...frameworkPatterns.map((pattern) => ({
              ...pattern,
              message: 'packages/client runs in any program and browser: no framework code.',
            })),
            {
              group: ['@openmsg/db', '@openmsg/db/*'],
              message: 'packages/client carries no database code: a consumer does not have it.',
            },
            otherApp('server'),
            otherApp('web'),
          ],
        },
      ],
    },
  },
  {
    // Command-line scripts, benchmarks and tests talk to a person on the console.
    files: ['**/scripts/**', '**/bench/**', '**/test/**', '**/e2e/**', '**/cli/**'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
