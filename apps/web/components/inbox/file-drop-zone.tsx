'use client';

import { type DragEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * Files dropped anywhere on the conversation are attached to the message being written. The hint while
 * dragging is for the eye only: the attach button does the same from the keyboard.
 */
export function FileDropZone({
  onFiles,
  enabled,
  contactName,
  children,
}: {
  onFiles: (files: File[]) => void;
  enabled: boolean;
  contactName: string;
  children: ReactNode;
}) {
  const t = useTranslations('files');
  const depth = useRef(0);
  const [over, setOver] = useState(false);
  if (!enabled) return <div className="relative flex min-h-0 flex-1 flex-col">{children}</div>;
  return (
    <div
      className="relative flex min-h-0 flex-1 flex-col"
      data-testid="file-drop-zone"
      onDragEnter={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        onFiles(Array.from(event.dataTransfer.files));
      }}
    >
      {children}
      {over ? (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-2 z-20 flex items-center justify-center rounded-2xl border-2 border-dashed border-brand-500 bg-surface/90 text-center text-sm font-medium text-ink"
        >
          {t('dropHere', { name: contactName })}
        </div>
      ) : null}
    </div>
  );
}
