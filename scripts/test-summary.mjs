// Adds up the JSON reports every test runner wrote (Vitest, Playwright), names each test that failed
// (a CI log is often read from its end only) and prints one closing line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const reports = [];
const failures = [];

// eslint-disable-next-line no-control-regex -- colour codes in runners' messages
const withoutColour = (text) => String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '');
const firstLine = (text) =>
  withoutColour(text)
    .split('\n')
    .find((line) => line.trim()) ?? '';

function vitestFailures(report) {
  for (const file of report.testResults ?? []) {
    const where = relative(root, file.name);
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failedTests)
      failures.push(`${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    // A file that failed to load or whose hooks threw has no failed test of its own.
    if (file.status === 'failed' && failedTests.length === 0) failures.push(`${where}: ${firstLine(file.message)}`);
  }
}

function playwrightFailures(suite, titles = []) {
  const path = suite.title ? [...titles, suite.title] : titles;
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
      const error = test.results?.find((r) => r.error)?.error?.message;
      failures.push(`${[...path, spec.title].join(' > ')} (${test.status}): ${firstLine(error)}`);
    }
  }
  for (const child of suite.suites ?? []) playwrightFailures(child, path);
}

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
        vitestFailures(report);
      } else if (report.stats) {
        passed += report.stats.expected;
        failed += report.stats.unexpected + report.stats.flaky;
        skipped += report.stats.skipped;
        for (const suite of report.suites ?? []) playwrightFailures(suite);
        for (const error of report.errors ?? []) failures.push(`playwright: ${firstLine(error.message)}`);
      }
    }
  }
}

if (reports.length === 0) {
  console.error('No test reports found: no test ran.');
  process.exit(1);
}
if (failures.length > 0) {
  console.log('failed:');
  for (const failure of failures) console.log(`  ${failure.slice(0, 400)}`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 || failures.length > 0 ? 1 : 0);
