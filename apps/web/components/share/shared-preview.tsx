'use client';

import { useLocale, useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { formatBytes } from '@/lib/format-bytes';
import type { LeftOutFile } from '@/lib/shared-content';

export interface ShareNotes {
  leftOut: LeftOutFile[];
  /** Files the server route could not keep (no service worker). */
  filesLost: number;
  /** The text was cut to fit the address. */
  cut: number | null;
  /** The node's file limit, for the sentence of a file too big. */
  maxFileBytes: number | null;
  maxFilesPerMessage: number | null;
}

/** What is being shared: the text as it will stand in the message box, the files, and what could not come along. */
export function SharedPreview({ text, files, notes }: { text: string; files: File[]; notes: ShareNotes }) {
  const t = useTranslations('share');
  const locale = useLocale();
  const size = (bytes: number) => formatBytes(bytes, locale);
  const problems = [
    ...(notes.filesLost > 0 ? [t('problems.filesLost', { count: notes.filesLost })] : []),
    ...(notes.cut !== null ? [t('problems.cut', { max: notes.cut })] : []),
    ...notes.leftOut.map((file) => {
      const name = file.name;
      switch (file.reason) {
        case 'no-files':
          return t('problems.noFiles', { name });
        case 'too-big':
          return t('problems.tooBig', {
            name,
            size: size(file.size),
            limit: notes.maxFileBytes === null ? '' : size(notes.maxFileBytes),
          });
        case 'too-many':
          return t('problems.tooMany', { name, max: notes.maxFilesPerMessage ?? 0 });
        default:
          return t('problems.notKept', { name });
      }
    }),
  ];
  return (
    <section aria-labelledby="shared-title" className="space-y-3">
      <h2 id="shared-title" className="text-sm font-semibold">
        {t('page.sharing')}
      </h2>
      {text || files.length > 0 ? (
        <div className="space-y-2 rounded-xl border border-line bg-surface-muted p-3">
          {text ? (
            <p
              className="line-clamp-6 text-[15px] whitespace-pre-wrap wrap-anywhere"
              data-testid="shared-text"
              dir="auto"
            >
              {text}
            </p>
          ) : null}
          {files.length > 0 ? (
            <>
              <p className="text-xs text-ink-muted">{t('page.files', { count: files.length })}</p>
              <ul className="flex flex-wrap gap-2" data-testid="shared-files">
                {files.map((file, index) => (
                  <li
                    key={`${index}-${file.name}`}
                    className="max-w-full truncate rounded-full border border-line bg-surface px-3 py-1 text-xs"
                  >
                    <bdi>{file.name}</bdi> · {size(file.size)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {problems.length > 0 ? (
        <div data-testid="share-problems">
          <Alert kind="info">
            <ul className="space-y-1 wrap-anywhere">
              {problems.map((problem, index) => (
                <li key={index}>{problem}</li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}
    </section>
  );
}
