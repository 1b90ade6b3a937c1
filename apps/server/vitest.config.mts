import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Three tiers, one project each (folder = tier):
 * - unit:       test/unit, pure functions and small classes; in parallel.
 * - in-process: test/in-process, the real AppModule in the test's process (Nest testing module,
 *               Fastify inject), each file on its own fresh database; in parallel, from src (no build).
 *               Also test/database (schema, dialects, migrations on both databases).
 * - process:    test/process, real node processes from dist (two nodes over HTTP, kill -9, restarts,
 *               the admin CLI, backups); two files at a time: they mostly wait on processes, restarts and leases,
 *               and each test has its own ports and databases.
 * In one `vitest run` the process tier runs after the other two; `pnpm test` (test/run-tiers.sh)
 * runs it alongside them.
 */

/** The database tests that start the built server or CLI; the others (schema, dialects, migrations) run in-process. */
const DATABASE_TESTS_WITH_PROCESSES = ['test/database/backup.test.ts', 'test/database/open-errors.test.ts'];

/** Two cores on the dev machine: two files at a time (Vitest's default would be one, cores - 1); OPENMSG_TEST_WORKERS overrides. */
const PARALLEL_WORKERS = Number(process.env.OPENMSG_TEST_WORKERS) || 2;
/** Process-tier files at a time; OPENMSG_TEST_PROCESS_WORKERS=1 runs them one by one (for a run on a slow machine). */
const PROCESS_WORKERS = Number(process.env.OPENMSG_TEST_PROCESS_WORKERS) || 2;

export default defineConfig({
  // SWC keeps Nest's decorator metadata, which esbuild drops.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], maxWorkers: PARALLEL_WORKERS } },
      // Files share a worker's loaded modules (each still builds its own app on its own database): Nest and Prisma load once per worker.
      {
        extends: true,
        test: {
          name: 'in-process',
          include: ['test/in-process/**/*.test.ts', 'test/database/**/*.test.ts'],
          exclude: DATABASE_TESTS_WITH_PROCESSES,
          setupFiles: ['test/in-process/kit/cheap-password-hashes.ts'],
          maxWorkers: PARALLEL_WORKERS,
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'process',
          include: ['test/process/**/*.test.ts', ...DATABASE_TESTS_WITH_PROCESSES],
          maxWorkers: PROCESS_WORKERS,
        },
      },
    ],
  },
});
