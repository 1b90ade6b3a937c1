'use client';

import { useLocale, useTranslations } from 'next-intl';
import { CloseIcon, FileIcon, RetryIcon } from '@/components/ui/icons';
import { progressPercent, progressText } from '@/lib/attachment-text';
import { formatBytes } from '@/lib/format-bytes';
import type { UploadItem } from '@/lib/upload-queue';
import type { Attachments } from './use-attachments';
import { ProgressBar } from './progress-bar';

/** The files of the message being written, one chip each: name, size, progress, and what can be done with it. */
export function AttachmentChips({ attachments }: { attachments: Attachments }) {
  const t = useTranslations('files');
  if (attachments.items.length === 0) return null;
  return (
    <ul
      aria-label={t('toSend')}
      className="mb-2 flex flex-col gap-1.5 sm:flex-row sm:flex-wrap"
      data-testid="attachment-chips"
    >
      {attachments.items.map((item) => (
        <AttachmentChip key={item.key} item={item} attachments={attachments} />
      ))}
    </ul>
  );
}

function AttachmentChip({ item, attachments }: { item: UploadItem; attachments: Attachments }) {
  const t = useTranslations('files');
  const locale = useLocale();
  const uploading = item.status === 'uploading';
  const failed = item.status === 'failed';
  const statusId = `upload-status-${item.key}`;
  return (
    <li
      className={`flex min-w-0 items-start gap-2 rounded-xl border px-2 py-1.5 sm:w-64 ${failed ? 'border-red-300 dark:border-red-800' : 'border-line'} bg-surface`}
      data-testid="attachment-chip"
      data-status={item.status}
      aria-describedby={statusId}
    >
      {item.previewUrl ? (
        // A blob: URL of the picked file, shown by this browser only.
        <img src={item.previewUrl} alt="" className="size-10 shrink-0 rounded-md object-cover" />
      ) : (
        <span className="flex size-10 shrink-0 items-center justify-center rounded-md bg-surface-muted text-ink-muted">
          <FileIcon className="size-5" />
        </span>
      )}
      <div className="min-w-0 flex-1">
        <p className="flex items-baseline gap-1.5 text-sm">
          <bdi className="min-w-0 truncate font-medium" title={item.name}>
            {item.name}
          </bdi>
          <span className="shrink-0 text-xs text-ink-muted tabular-nums">{formatBytes(item.size, locale)}</span>
        </p>
        {uploading ? (
          <ProgressBar
            value={progressPercent(item.sentBytes, item.size)}
            label={t('uploadingName', { name: item.name })}
            className="mt-1.5"
          />
        ) : null}
        <p
          id={statusId}
          className={`mt-0.5 text-xs ${failed ? 'text-danger' : 'text-ink-muted'}`}
          data-testid="attachment-chip-status"
        >
          {uploading ? progressText(item.sentBytes, item.size, { t, locale }) : failed ? item.error : t('readyToSend')}
        </p>
        {item.locationMatters ? (
          <label className="mt-1 flex items-center gap-1.5 text-xs text-ink-muted">
            <input
              type="checkbox"
              checked={item.keepLocation}
              onChange={(event) => attachments.setKeepLocation(item.key, event.target.checked)}
              className="size-3.5 accent-brand-600"
              aria-describedby={`keep-location-${item.key}`}
            />
            {t('keepLocation')}
            <span id={`keep-location-${item.key}`} className="sr-only">
              {t('keepLocationHint')}
            </span>
          </label>
        ) : null}
      </div>
      <div className="flex shrink-0 items-center">
        {failed ? (
          <button
            type="button"
            onClick={() => attachments.retry(item.key)}
            aria-label={t('retryName', { name: item.name })}
            title={t('retry')}
            className="flex size-8 items-center justify-center rounded-full text-accent hover:bg-surface-muted"
          >
            <RetryIcon />
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => attachments.remove(item.key)}
          aria-label={uploading ? t('cancelName', { name: item.name }) : t('removeName', { name: item.name })}
          title={uploading ? t('cancel') : t('remove')}
          className="flex size-8 items-center justify-center rounded-full text-ink-muted hover:bg-surface-muted"
        >
          <CloseIcon />
        </button>
      </div>
    </li>
  );
}
