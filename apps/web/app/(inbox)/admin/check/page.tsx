'use client';

import { useMutation } from '@tanstack/react-query';
import { apiRoutes } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { callApi } from '@/lib/api-client';
import { errorLine } from '@/lib/error-text';

const STATUS_STYLE = {
  PASS: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  WARN: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200',
  FAIL: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  INFO: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
  SKIP: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
} as const;

export default function AdminCheckPage() {
  const check = useMutation({ mutationFn: () => callApi(apiRoutes.adminCheckSelf, { body: { timeoutSeconds: 30 } }) });
  const report = check.data;
  return (
    <div className="space-y-4">
      <PageHeader title="Check this node">
        The conformance checker (the admin CLI&apos;s check-self): this node&apos;s endpoints, certificate, DNS and
        clock as other nodes see them. Takes up to 30 seconds.
      </PageHeader>
      <Button onClick={() => check.mutate()} disabled={check.isPending}>
        {check.isPending ? 'Checking…' : 'Run the check'}
      </Button>
      {check.error ? <Alert>{errorLine(check.error, 'the check could not run')}</Alert> : null}
      {report ? (
        <section aria-labelledby="report-title" className="space-y-2">
          <h2 id="report-title" className="font-semibold">
            {report.target}: {report.summary.PASS} passed, {report.summary.WARN} warnings, {report.summary.FAIL} failed,{' '}
            {report.summary.INFO} for information, {report.summary.SKIP} skipped
          </h2>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Checks">
            {report.checks.map((item) => (
              <li key={item.id} className="py-2 text-sm">
                <p>
                  <span className={`mr-2 rounded px-1.5 text-xs font-semibold ${STATUS_STYLE[item.status]}`}>
                    {item.status}
                  </span>
                  <span className="font-medium">{item.title}</span>{' '}
                  <span className="text-xs text-slate-600 dark:text-slate-400">{item.section}</span>
                </p>
                {item.status !== 'PASS' ? (
                  <p className="mt-1 text-xs [overflow-wrap:anywhere] text-slate-600 dark:text-slate-400">
                    Received: {item.received} · expected: {item.expected}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
