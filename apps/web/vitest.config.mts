import { defineConfig } from 'vitest/config';

// Unit tests of the inbox's data layer (no browser, no server): test/**/*.test.ts. Playwright has e2e/.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
