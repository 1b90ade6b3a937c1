'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { callApi } from '@/lib/api-client';
import { useErrorText } from '@/lib/use-error-text';

const STATUS_STYLE = {
  PASS: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  WARN: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200',
  FAIL: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  INFO: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
  SKIP: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
} as const;

export default function AdminCheckPage() {
  const t = useTranslations('admin.check');
  const { errorLine } = useErrorText();
  const check = useMutation({ mutationFn: () => callApi(apiRoutes.adminCheckSelf, { body: { timeoutSeconds: 30 } }) });
  const report = check.data;
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')}>{t('intro')}</PageHeader>
      <Button onClick={() => check.mutate()} disabled={check.isPending}>
        {check.isPending ? t('busy') : t('run')}
      </Button>
      {check.error ? <Alert>{errorLine(check.error, t('failed'))}</Alert> : null}
      {report ? (
        <section aria-labelledby="report-title" className="space-y-2">
          <h2 id="report-title" className="font-semibold">
            {t('summary', {
              target: report.target,
              pass: report.summary.PASS,
              warn: report.summary.WARN,
              fail: report.summary.FAIL,
              info: report.summary.INFO,
              skip: report.summary.SKIP,
            })}
          </h2>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('checks')}>
            {report.checks.map((item) => (
              <li key={item.id} className="py-2 text-sm">
                <p>
                  <span className={`me-2 rounded px-1.5 text-xs font-semibold ${STATUS_STYLE[item.status]}`}>
                    {item.status}
                  </span>
                  <span className="font-medium">{item.title}</span>{' '}
                  <span className="text-xs text-slate-600 dark:text-slate-400">{item.section}</span>
                </p>
                {item.status !== 'PASS' ? (
                  <p className="mt-1 text-xs [overflow-wrap:anywhere] text-slate-600 dark:text-slate-400">
                    {t('receivedExpected', { received: item.received, expected: item.expected })}
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
