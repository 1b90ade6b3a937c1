// One lint base for every workspace package; packages run `eslint .` from their own folder.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Framework and database code: packages/core is the pure protocol and API contract and imports none of it. */
// A bare name also matches its subpaths (gitignore-style patterns): 'next' covers 'next/server'.
const FRAMEWORKS = ['@nestjs/*', 'next', 'react', 'react-dom', '@prisma/*', 'prisma', 'fastify', '@fastify/*', 'pg', 'better-sqlite3', '@tanstack/*'];
const frameworkPatterns = FRAMEWORKS.map((name) => ({ group: [name], message: 'packages/core stays free of framework code: put this in an app.' }));
/** The other app, by package name or by a relative path that climbs into it. */
const otherApp = (name) => ({
  group: [`@openmsg/${name}`, `@openmsg/${name}/*`, `**/apps/${name}/**`, `../${name}/**`, `../../${name}/**`],
  message: 'apps never import each other: share code through packages/core.',
});

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
    // React's rules of hooks, and the React Compiler's checks (effects, refs, purity), for the inbox.
    files: ['apps/web/**/*.{ts,tsx}', '**/app/**/*.{ts,tsx}', '**/components/**/*.{ts,tsx}', '**/lib/**/*.{ts,tsx}'],
    ignores: ['**/e2e/**', 'apps/server/**', 'packages/**'],
    ...reactHooks.configs.flat.recommended,
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
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
            { group: ['@openmsg/db', '@openmsg/db/*', '@prisma/*'], message: 'the browser bundle holds no database code: use the API types of @openmsg/core/api.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [otherApp('web')] }] },
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...frameworkPatterns,
            { group: ['@openmsg/db', '@openmsg/db/*'], message: 'packages/core imports no database code (only src/api may import its types).' },
            otherApp('server'),
            otherApp('web'),
          ],
        },
      ],
    },
  },
  {
    // The client API's answers are declared as views of the Prisma model types: type-only imports, erased at build.
    files: ['packages/core/src/api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...frameworkPatterns,
            { group: ['@openmsg/db', '@openmsg/db/*'], allowTypeImports: true, message: 'packages/core/src/api may import the model types only: `import type`.' },
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
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
