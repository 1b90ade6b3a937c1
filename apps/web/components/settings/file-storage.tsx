'use client';

import { useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { progressPercent } from '@/lib/attachment-text';
import { errorLine } from '@/lib/error-text';
import { formatBytes } from '@/lib/format-bytes';
import { useInbox } from '@/lib/inbox-context';
import { routeQuery } from '@/lib/route-query';

/** How much of the account's room for files is used (files sent and received both count). */
export function FileStorage() {
  const { node } = useInbox();
  const usage = useQuery({ ...routeQuery(apiRoutes.storageUsage), enabled: node.files !== null });
  if (!node.files) return null;
  return (
    <section className="space-y-3" aria-labelledby="file-storage-title">
      <h2 id="file-storage-title" className="font-semibold">
        Storage for files
      </h2>
      {usage.error ? <Alert>{errorLine(usage.error, 'could not read your storage')}</Alert> : null}
      {usage.data ? (
        <div className="space-y-1.5" data-testid="file-storage">
          <p className="text-sm">
            {formatBytes(usage.data.usedBytes)} of {formatBytes(usage.data.quotaBytes)} used
          </p>
          <meter
            min={0}
            max={usage.data.quotaBytes}
            value={Math.min(usage.data.usedBytes, usage.data.quotaBytes)}
            high={usage.data.quotaBytes * 0.9}
            aria-label={`Storage for files: ${progressPercent(usage.data.usedBytes, usage.data.quotaBytes)}% used`}
            className="block h-2 w-full max-w-md"
          />
          <p className="text-sm text-ink-muted">
            The files you send and receive count. Files can be up to {formatBytes(node.files.maxFileBytes)}, and a
            message carries up to {node.files.maxFilesPerMessage}. Deleting a message, or a contact, frees the room its
            files took.
          </p>
        </div>
      ) : usage.isPending ? (
        <p className="text-sm text-ink-muted">Loading…</p>
      ) : null}
    </section>
  );
}
