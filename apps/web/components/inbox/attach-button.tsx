'use client';

import { useRef } from 'react';
import { useTranslations } from 'next-intl';
import { PaperclipIcon } from '@/components/ui/icons';

/** A paperclip button opening the file picker (several files at once). */
export function AttachButton({
  onFiles,
  disabled,
  describedBy,
}: {
  onFiles: (files: File[]) => void;
  disabled: boolean;
  describedBy?: string;
}) {
  const t = useTranslations('files');
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={disabled}
        aria-label={t('attach')}
        aria-describedby={describedBy}
        title={t('attach')}
        data-testid="attach-button"
        className="flex size-10 shrink-0 items-center justify-center rounded-full text-ink-muted hover:bg-surface-muted hover:text-ink disabled:cursor-not-allowed disabled:opacity-50"
      >
        <PaperclipIcon className="size-5" />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden
        data-testid="attach-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = ''; // the same file can be picked again after Remove
          onFiles(files);
        }}
      />
    </>
  );
}
