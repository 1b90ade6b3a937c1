import { defineConfig } from 'tsup';

// ESM + CommonJS with type declarations, as @openmsg/core: browsers and bundlers import the ESM build, CommonJS programs require the other.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
