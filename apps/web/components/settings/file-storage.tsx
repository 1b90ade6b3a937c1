'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { apiRoutes } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { progressPercent } from '@/lib/attachment-text';
import { formatBytes } from '@/lib/format-bytes';
import { useInbox } from '@/lib/inbox-context';
import { routeQuery } from '@/lib/route-query';
import { useErrorText } from '@/lib/use-error-text';

/** How much of the account's room for files is used (files sent and received both count). */
export function FileStorage() {
  const t = useTranslations('settings.storage');
  const locale = useLocale();
  const format = useFormatter();
  const { errorLine } = useErrorText();
  const { node } = useInbox();
  const usage = useQuery({ ...routeQuery(apiRoutes.storageUsage), enabled: node.files !== null });
  if (!node.files) return null;
  return (
    <section className="space-y-3" aria-labelledby="file-storage-title">
      <h2 id="file-storage-title" className="font-semibold">
        {t('title')}
      </h2>
      {usage.error ? <Alert>{errorLine(usage.error, t('failed'))}</Alert> : null}
      {usage.data ? (
        <div className="space-y-1.5" data-testid="file-storage">
          <p className="text-sm">
            {t('used', {
              used: formatBytes(usage.data.usedBytes, locale),
              quota: formatBytes(usage.data.quotaBytes, locale),
            })}
          </p>
          <meter
            min={0}
            max={usage.data.quotaBytes}
            value={Math.min(usage.data.usedBytes, usage.data.quotaBytes)}
            high={usage.data.quotaBytes * 0.9}
            aria-label={t('meter', {
              percent: format.number(progressPercent(usage.data.usedBytes, usage.data.quotaBytes) / 100, {
                style: 'percent',
              }),
            })}
            className="block h-2 w-full max-w-md"
          />
          <p className="text-sm text-ink-muted">
            {t('explain', {
              maxFile: formatBytes(node.files.maxFileBytes, locale),
              maxFiles: node.files.maxFilesPerMessage,
            })}
          </p>
        </div>
      ) : usage.isPending ? (
        <p className="text-sm text-ink-muted">{t('loading')}</p>
      ) : null}
    </section>
  );
}
