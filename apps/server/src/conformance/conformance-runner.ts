import type { CheckResult } from './check-result';
import type { Deadline } from './deadline';
import type { Check, Requirement } from './peer-run';

/**
 * Runs checks in order. A check whose requirement an earlier check did not establish is SKIPped
 * (the earlier FAIL says why); once the time limit has passed, the check in flight FAILs and the
 * rest are SKIPped; a check that throws FAILs with the error. Never throws itself.
 */
export async function runChecks<Run>(
  checks: Array<Check<Run>>,
  run: Run,
  deadline: Deadline,
  meets: (run: Run, need: Requirement) => boolean,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const base = { id: check.id, title: check.title, section: check.section };
    const missing = (check.needs ?? []).filter((need) => !meets(run, need));
    if (deadline.passed) {
      results.push({
        ...base,
        status: 'SKIP',
        sent: '-',
        received: '-',
        expected: `not run: the time limit of ${deadline.limitMs / 1000} s was reached`,
      });
      continue;
    }
    if (missing.length > 0) {
      results.push({
        ...base,
        status: 'SKIP',
        sent: '-',
        received: '-',
        expected: `not run: needs ${missing.map(describeNeed).join(' and ')}`,
      });
      continue;
    }
    try {
      const outcome = await deadline.race(check.run(run), () => ({
        status: 'FAIL' as const,
        sent: '-',
        received: `no result before the checker's time limit (${deadline.limitMs / 1000} s)`,
        expected: 'an answer within the time limit',
      }));
      results.push({ ...base, ...outcome });
    } catch (error) {
      results.push({
        ...base,
        status: 'FAIL',
        sent: '-',
        received: `the check could not run: ${(error as Error).message}`,
        expected: '-',
      });
    }
  }
  return results;
}

const NEEDS: Record<Requirement, string> = {
  connection: 'a connection (auth.handshake)',
  'accepted-message': 'an accepted message (message.accepted)',
  'files-1': 'a peer that announces files-1 (files-1.announcement)',
};

function describeNeed(need: Requirement): string {
  return NEEDS[need];
}
