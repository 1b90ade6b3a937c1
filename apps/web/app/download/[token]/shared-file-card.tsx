'use client';

import { useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { apiRoutes, routeUrl, type SharedFileView } from '@openmsg/core/api';
import { callApi, OpenmsgError } from '@/lib/api-client';
import { fileKind } from '@/lib/attachment-text';
import { formatBytes } from '@/lib/format-bytes';
import { richText } from '@/lib/rich-text';

type Lookup =
  | { state: 'loading' }
  | { state: 'found'; file: SharedFileView }
  | { state: 'gone' }
  | { state: 'busy'; minutes: number | null }
  | { state: 'failed' };

const CARD = 'rounded-2xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900';

export function SharedFileCard({ token }: { token: string }) {
  const t = useTranslations('download');
  const files = useTranslations('files');
  const locale = useLocale();
  const [lookup, setLookup] = useState<Lookup>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    callApi(apiRoutes.sharedFile, { params: { token } }).then(
      (file) => live && setLookup({ state: 'found', file }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof OpenmsgError && (error.code === 'not_found' || error.code === 'validation_failed'))
          setLookup({ state: 'gone' });
        else if (error instanceof OpenmsgError && error.code === 'too_many_requests')
          setLookup({
            state: 'busy',
            minutes: error.retryAfterSeconds ? Math.ceil(error.retryAfterSeconds / 60) : null,
          });
        else setLookup({ state: 'failed' });
      },
    );
    return () => {
      live = false;
    };
  }, [token]);

  if (lookup.state === 'loading')
    return (
      <section className={CARD} aria-busy="true" aria-label={t('lookingUp')}>
        <div className="h-6 w-2/3 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        <div className="mt-4 h-4 w-1/2 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        <div className="mt-8 h-11 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
      </section>
    );

  if (lookup.state !== 'found')
    return (
      <section className={CARD} aria-labelledby="download-problem">
        <h1 id="download-problem" className="text-xl font-semibold">
          {lookup.state === 'gone' ? t('goneTitle') : t('failedTitle')}
        </h1>
        <p className="mt-3 text-sm leading-6 text-slate-600 dark:text-slate-300">
          {lookup.state === 'gone'
            ? t('gone')
            : lookup.state === 'busy'
              ? lookup.minutes
                ? t('busyMinutes', { minutes: lookup.minutes })
                : t('busy')
              : t('failed')}
        </p>
      </section>
    );

  const { file } = lookup;
  const until = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(file.expiresAt));
  return (
    <section className={CARD} aria-labelledby="download-title">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {t.rich('sentYou', {
          name: file.fromName,
          address: file.from,
          strong: (chunks) => <bdi className="font-medium text-slate-900 dark:text-slate-100">{chunks}</bdi>,
          ltr: (chunks) => (
            <bdi dir="ltr" className="break-all">
              {chunks}
            </bdi>
          ),
        })}
      </p>
      <div className="mt-5 flex items-start gap-3">
        <FileGlyph />
        <div className="min-w-0">
          <h1 id="download-title" className="text-lg font-semibold break-words [overflow-wrap:anywhere]">
            <bdi>{file.name}</bdi>
          </h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            {formatBytes(file.size, locale)} · {fileKind(file.contentType, file.name, files)}
          </p>
        </div>
      </div>
      <a
        href={routeUrl(apiRoutes.sharedFileContent, { params: { token } })}
        download={file.name}
        className="mt-6 flex min-h-11 w-full items-center justify-center rounded-lg bg-brand-600 px-4 py-2.5 text-base font-medium text-white hover:bg-brand-700"
      >
        {t('download')}
      </a>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-300">
        {t.rich('availableUntil', {
          date: until,
          time: (chunks) => <time dateTime={file.expiresAt}>{chunks}</time>,
        })}
      </p>
      <p className="mt-4 border-t border-slate-200 pt-4 text-xs leading-5 text-slate-500 dark:border-slate-800 dark:text-slate-400">
        {t.rich('warning', { name: file.fromName, host: hostOf(file.from), ...richText })}
      </p>
    </section>
  );
}

function hostOf(address: string): string {
  return address.slice(address.lastIndexOf('*') + 1);
}

function FileGlyph() {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden
      focusable="false"
      className="mt-0.5 size-10 shrink-0 text-brand-600 dark:text-brand-100"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinejoin="round"
    >
      <path d="M6 2.75h8.5L19.25 7.5v13.75H6z" />
      <path d="M14.25 2.75V7.75h5" />
    </svg>
  );
}
