import { execFile } from 'node:child_process';
import path from 'node:path';
import type { TestNode } from '../../../peer-kit/nodes';

const ADMIN_ENTRY = path.resolve(__dirname, '../../../../dist/cli/admin.js');

export interface CheckerRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The --json report, when stdout held one. */
  report: any;
  elapsedMs: number;
}

/** The built admin CLI next to `node` (its environment and database), as the operator runs it; never throws on a non-zero exit. */
export function runChecker(node: TestNode, args: string[], env: Record<string, string> = {}): Promise<CheckerRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ADMIN_ENTRY, ...args],
      { env: { ...node.env, ...env }, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let report: unknown = null;
        try {
          report = JSON.parse(stdout);
        } catch {
          report = null;
        }
        const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ exitCode, stdout, stderr, report, elapsedMs: Date.now() - started });
      },
    );
  });
}

/** id → status of a report's checks. */
export function statuses(report: any): Record<string, string> {
  return Object.fromEntries(
    (report.checks as Array<{ id: string; status: string }>).map((check) => [check.id, check.status]),
  );
}

export function nonPassing(report: any): Record<string, string> {
  return Object.fromEntries(Object.entries(statuses(report)).filter(([, status]) => status !== 'PASS'));
}
