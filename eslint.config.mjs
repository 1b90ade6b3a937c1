// One lint base for every workspace package; packages run `eslint .` from their own folder.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/.next/**', '**/node_modules/**', '**/generated/**', '**/coverage/**', '**/test-results/**', '**/*.config.*', '**/next-env.d.ts'],
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
    // Command-line scripts, benchmarks and tests talk to a person on the console.
    files: ['**/scripts/**', '**/bench/**', '**/test/**', '**/e2e/**', '**/cli/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
