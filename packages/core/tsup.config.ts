import { defineConfig } from 'tsup';

// Dual ESM + CommonJS output: Next.js imports the ESM build, NestJS (compiled to CommonJS) requires the CJS one.
export default defineConfig({
  entry: ['src/index.ts', 'src/api/index.ts', 'src/api/session-names.ts', 'src/api/password-rules.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
