/**
 * PASS: as the protocol says. WARN: works, but deviates or is fragile. FAIL: breaks the protocol. INFO: what the peer
 * does where the protocol leaves a choice (an optional extension it does not speak): never a failure. SKIP: not run
 * (a check it needs failed or found nothing to check, or time ran out).
 */
export type CheckStatus = 'PASS' | 'WARN' | 'FAIL' | 'INFO' | 'SKIP';

export interface CheckOutcome {
  status: CheckStatus;
  /** What the checker sent (secrets and pass codes redacted). */
  sent: string;
  /** What came back (secrets redacted). */
  received: string;
  /** What the protocol expects. */
  expected: string;
}

export interface CheckResult extends CheckOutcome {
  id: string;
  title: string;
  /** The docs/PROTOCOL.md section a FAIL or WARN refers to. */
  section: string;
}

export interface ConformanceReport {
  command: 'check-peer' | 'check-self';
  target: string;
  from: string;
  startedAt: string;
  durationMs: number;
  timeLimitSeconds: number;
  checks: CheckResult[];
  summary: Record<CheckStatus, number>;
  /** What the run left behind, on the peer and here. */
  leftBehind: string[];
  exitCode: 0 | 1;
}

export function summarize(checks: CheckResult[]): Record<CheckStatus, number> {
  const summary: Record<CheckStatus, number> = { PASS: 0, WARN: 0, FAIL: 0, INFO: 0, SKIP: 0 };
  for (const check of checks) summary[check.status]++;
  return summary;
}
