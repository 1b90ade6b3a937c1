'use client';

import { useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { apiRoutes, type AttachmentView, type MessageView, routeUrl } from '@openmsg/core/api';
import { DownloadIcon, FileIcon } from '@/components/ui/icons';
import { attachmentStatus, fileKind, previewSize } from '@/lib/attachment-text';
import { formatBytes } from '@/lib/format-bytes';
import { ImageViewer } from './image-viewer';
import { ProgressBar } from './progress-bar';

interface Props {
  message: MessageView;
  contact: { name: string; filesSupported: boolean };
}

/** A message's files in its bubble: photos as previews (the original on click), other files as cards. */
export function MessageAttachments({ message, contact }: Props) {
  const t = useTranslations('files');
  const locale = useLocale();
  const [viewing, setViewing] = useState<AttachmentView | null>(null);
  const outgoing = message.direction === 'out';
  return (
    <>
      <ul aria-label={t('files')} className="flex min-w-0 flex-col gap-1.5" data-testid="message-attachments">
        {message.attachments.map((attachment) => {
          // The sender holds its files from the start; the receiver once fetched and verified.
          const available = outgoing ? attachment.state !== 'uploading' : attachment.state === 'stored';
          const status = attachmentStatus(attachment, message, contact, { t, locale });
          return (
            <li key={attachment.id} className="min-w-0" data-testid="attachment" data-state={attachment.state}>
              {available && attachment.hasThumbnail ? (
                <ImagePreview attachment={attachment} onOpen={() => setViewing(attachment)} />
              ) : (
                <FileCard attachment={attachment} outgoing={outgoing} available={available} />
              )}
              {status ? (
                <div className="mt-1 text-xs" data-testid="attachment-status" data-kind={status.kind}>
                  {status.percent !== null ? (
                    <ProgressBar value={status.percent} label={`${attachment.name}: ${status.text}`} className="mb-1" />
                  ) : null}
                  <p className={status.kind === 'refused' && !outgoing ? 'text-danger' : ''}>{status.text}</p>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {viewing ? <ImageViewer attachment={viewing} onClose={() => setViewing(null)} /> : null}
    </>
  );
}

function ImagePreview({ attachment, onOpen }: { attachment: AttachmentView; onOpen: () => void }) {
  const t = useTranslations('files');
  const locale = useLocale();
  const size = previewSize(attachment.width, attachment.height);
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-label={t('openName', { name: attachment.name, size: formatBytes(attachment.size, locale) })}
      aria-haspopup="dialog"
      className="block max-w-full overflow-hidden rounded-lg"
      data-testid="image-preview"
    >
      <img
        src={routeUrl(apiRoutes.attachmentThumbnail, { params: { id: attachment.id } })}
        alt={attachment.name}
        width={size.width}
        height={size.height}
        loading="lazy"
        className="block h-auto max-w-full bg-black/10"
      />
    </button>
  );
}

function FileCard({
  attachment,
  outgoing,
  available,
}: {
  attachment: AttachmentView;
  outgoing: boolean;
  available: boolean;
}) {
  const t = useTranslations('files');
  const locale = useLocale();
  const muted = outgoing ? 'text-white' : 'text-ink-muted';
  return (
    <div
      className={`flex min-w-0 items-center gap-2.5 rounded-lg px-2.5 py-2 sm:min-w-56 ${outgoing ? 'bg-black/20' : 'bg-surface'}`}
      data-testid="file-card"
    >
      <FileIcon className={`size-6 shrink-0 ${muted}`} />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium wrap-anywhere">
          <bdi>{attachment.name}</bdi>
        </p>
        <p className={`text-xs ${muted}`}>
          {formatBytes(attachment.size, locale)} · {fileKind(attachment.contentType, attachment.name, t)}
        </p>
      </div>
      {available ? (
        <a
          href={routeUrl(apiRoutes.attachmentContent, { params: { id: attachment.id } })}
          download={attachment.name}
          aria-label={t('downloadName', { name: attachment.name })}
          title={t('download')}
          data-testid="file-download"
          className={`flex size-9 shrink-0 items-center justify-center rounded-full ${outgoing ? 'hover:bg-white/15' : 'text-accent hover:bg-surface-muted'}`}
        >
          <DownloadIcon className="size-5" />
        </a>
      ) : null}
    </div>
  );
}
