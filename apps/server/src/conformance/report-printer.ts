import type { ConformanceReport } from './check-result';

/** The report for a terminal: one line per check, then what was sent, what came back and what the protocol expects. */
export function printReport(report: ConformanceReport): string {
  const lines = [
    `Openmsg conformance ${report.command}: ${report.target} (from ${report.from}, time limit ${report.timeLimitSeconds} s)`,
    '',
  ];
  const width = Math.max(...report.checks.map((check) => check.id.length), 10);
  for (const check of report.checks) {
    lines.push(`${check.status.padEnd(4)}  ${check.id.padEnd(width)}  ${check.title}`);
    if (check.status === 'SKIP') {
      lines.push(`      ${check.expected}`);
      continue;
    }
    lines.push(
      `      sent:     ${check.sent}`,
      `      received: ${check.received}`,
      `      expected: ${check.expected}`,
    );
    if (check.status === 'FAIL' || check.status === 'WARN') lines.push(`      see:      ${check.section}`);
  }
  const { PASS, WARN, FAIL, INFO, SKIP } = report.summary;
  lines.push(
    '',
    `${PASS} PASS, ${WARN} WARN, ${FAIL} FAIL, ${INFO} INFO, ${SKIP} SKIP in ${(report.durationMs / 1000).toFixed(1)} s: ${FAIL > 0 ? 'NOT CONFORMANT' : 'conformant'}`,
  );
  if (report.leftBehind.length > 0) lines.push('Left behind:', ...report.leftBehind.map((item) => `  - ${item}`));
  return `${lines.join('\n')}\n`;
}
