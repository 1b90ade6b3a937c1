'use client';

import { useEffect, useRef } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { apiRoutes, type AttachmentView, routeUrl } from '@openmsg/core/api';
import { CloseIcon, DownloadIcon } from '@/components/ui/icons';
import { formatBytes } from '@/lib/format-bytes';

/**
 * A photo at full size in a modal dialog (Esc or Close to leave, focus comes back to the preview), with its
 * download. The node serves it inline only because it made a preview of it (a raster image it decoded).
 */
export function ImageViewer({ attachment, onClose }: { attachment: AttachmentView; onClose: () => void }) {
  const t = useTranslations('files');
  const locale = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    closeButton.current?.focus(); // not Download: Enter right after opening should not start a download
    return () => element?.close();
  }, []);
  const params = { id: attachment.id };
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby={`viewer-title-${attachment.id}`}
      data-testid="image-viewer"
      className="m-auto max-h-[calc(100dvh-1rem)] max-w-[calc(100vw-1rem)] overflow-hidden rounded-xl bg-surface-raised p-0 text-ink shadow-xl backdrop:bg-black/80"
      onClick={(event) => event.target === event.currentTarget && dialog.current?.close()}
    >
      <div className="flex items-center gap-2 border-b border-line px-3 py-2">
        <h2 id={`viewer-title-${attachment.id}`} className="min-w-0 flex-1 truncate text-sm font-medium">
          <bdi>{attachment.name}</bdi>{' '}
          <span className="font-normal text-ink-muted">{formatBytes(attachment.size, locale)}</span>
        </h2>
        <a
          href={routeUrl(apiRoutes.attachmentContent, { params })}
          download={attachment.name}
          className="inline-flex items-center gap-1.5 rounded-lg px-2 py-1.5 text-sm font-medium text-accent hover:bg-surface-muted"
          data-testid="viewer-download"
        >
          <DownloadIcon /> {t('download')}
        </a>
        <button
          type="button"
          onClick={() => dialog.current?.close()}
          aria-label={t('close')}
          className="flex size-8 items-center justify-center rounded-full hover:bg-surface-muted"
          ref={closeButton}
        >
          <CloseIcon />
        </button>
      </div>
      {/* The original, fitted to the screen; width and height keep its place while it loads. */}
      <img
        src={routeUrl(apiRoutes.attachmentContent, { params, query: { disposition: 'inline' } })}
        alt={attachment.name}
        width={attachment.width ?? undefined}
        height={attachment.height ?? undefined}
        className="block h-auto max-h-[calc(100dvh-5rem)] w-auto max-w-full object-contain"
      />
    </dialog>
  );
}
