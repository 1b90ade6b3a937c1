// Adds up the JSON reports every test runner wrote (Vitest, Playwright) and prints one closing line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const reports = [];

for (const group of ['apps', 'packages', 'docker']) {
  for (const name of readdirSync(join(root, group))) {
    const dir = join(root, group, name, 'test-results');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      reports.push(`${group}/${name}/test-results/${file}`);
      if (typeof report.numPassedTests === 'number') {
        passed += report.numPassedTests;
        failed += report.numFailedTests;
        skipped += report.numPendingTests + (report.numTodoTests ?? 0);
      } else if (report.stats) {
        passed += report.stats.expected;
        failed += report.stats.unexpected + report.stats.flaky;
        skipped += report.stats.skipped;
      }
    }
  }
}

if (reports.length === 0) {
  console.error('No test reports found: no test ran.');
  process.exit(1);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
