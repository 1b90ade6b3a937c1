import { describe, expect, it } from 'vitest';
import { judgeFiles1Refusal } from '../../src/conformance/checks/files-1.checks';
import { printReport } from '../../src/conformance/report-printer';
import { summarize, type CheckResult } from '../../src/conformance/check-result';
import type { PeerResponse } from '../../src/peers/peer-response';

const refused = (status: number, json: unknown): PeerResponse => ({
  ok: false,
  kind: 'http_status',
  status,
  message: `HTTP ${status}`,
  json,
});

describe("the checker's files-1 verdicts", () => {
  it('passes only the table status with its response_code', () => {
    expect(judgeFiles1Refusal(refused(403, { error: true, response_code: 'FL_E004' }), 'FL_E004')).toBe('PASS');
    expect(judgeFiles1Refusal(refused(404, { error: true, response_code: 'FL_E002' }), 'FL_E002')).toBe('PASS');
    // The right code with another status, another code, no JSON, an answer that took it: FAIL.
    expect(judgeFiles1Refusal(refused(400, { error: true, response_code: 'FL_E004' }), 'FL_E004')).toBe('FAIL');
    expect(judgeFiles1Refusal(refused(403, { error: true, response_code: 'FL_E001' }), 'FL_E004')).toBe('FAIL');
    expect(judgeFiles1Refusal(refused(404, undefined), 'FL_E002')).toBe('FAIL');
    expect(judgeFiles1Refusal({ ok: true, status: 200, json: { success: true } }, 'FL_E005')).toBe('FAIL');
    expect(judgeFiles1Refusal({ ok: false, kind: 'timeout', message: 'slow' }, 'FL_E001')).toBe('FAIL');
    // A receipt for the checker's made-up file: file_unknown is right too, a success never.
    const unknownFile = refused(404, { error: true, response_code: 'FL_E002' });
    expect(judgeFiles1Refusal(unknownFile, 'FL_E004', 'FL_E002')).toBe('PASS');
    expect(judgeFiles1Refusal(unknownFile, 'FL_E004')).toBe('FAIL');
  });

  it('counts INFO apart and never as a failure', () => {
    const check = (id: string, status: CheckResult['status']): CheckResult => ({
      id,
      title: id,
      section: 'docs/extensions/files.md §1',
      status,
      sent: 's',
      received: 'r',
      expected: 'e',
    });
    const checks = [check('a', 'PASS'), check('files-1.announcement', 'INFO'), check('files-1.fetch', 'SKIP')];
    const summary = summarize(checks);
    expect(summary).toEqual({ PASS: 1, WARN: 0, FAIL: 0, INFO: 1, SKIP: 1 });
    const text = printReport({
      command: 'check-peer',
      target: '1*x.test',
      from: '9*a.test',
      startedAt: new Date(0).toISOString(),
      durationMs: 1000,
      timeLimitSeconds: 60,
      checks,
      summary,
      leftBehind: [],
      exitCode: 0,
    });
    expect(text).toMatch(/^INFO {2}files-1\.announcement/m);
    expect(text).toContain('1 PASS, 0 WARN, 0 FAIL, 1 INFO, 1 SKIP in 1.0 s: conformant');
  });
});
