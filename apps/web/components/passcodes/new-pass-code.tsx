'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { CreatedPassCode } from '@openmsg/core/api';
import { Button } from '@/components/ui/button';
import { SharePassCodeButton } from '@/components/share/share-pass-code-button';
import { Countdown, useSecondsLeft } from './countdown';
import { QrCode } from './qr-code';
import { richText } from '@/lib/rich-text';
import { connectPageLink, invitationLink, shareText } from '@/lib/share-text';
import { useTimeFormat } from '@/lib/use-time-format';

/**
 * A code just generated: shown once, large, with copy, share text, QR code and the time left. Once it has
 * expired nothing on the card can be shared any more: it says so and offers a new code (with the same note).
 */
export function NewPassCode({
  code,
  onRenew,
  renewing,
}: {
  code: CreatedPassCode;
  onRenew: () => void;
  renewing: boolean;
}) {
  const t = useTranslations('passcodes');
  const { timeOfDay } = useTimeFormat();
  const [copied, setCopied] = useState<string | null>(null);
  const expired = useSecondsLeft(code.expiresAt) === 0;
  const invitation = { address: code.address, passCode: code.code };
  const copy = async (what: string, text: string) => {
    await navigator.clipboard.writeText(text).catch(() => undefined);
    setCopied(what);
  };
  if (expired)
    return (
      <section
        aria-label={t('expired.label')}
        className="rounded-2xl border border-slate-200 bg-slate-50 p-5 dark:border-slate-700 dark:bg-slate-900"
        data-testid="expired-pass-code"
      >
        <p className="font-semibold">{t('expired.title')}</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {t(code.note ? 'expired.textWithNote' : 'expired.text', { time: timeOfDay(code.expiresAt) })}
        </p>
        <Button className="mt-4" onClick={onRenew} disabled={renewing} aria-busy={renewing}>
          {renewing ? t('expired.renewing') : t('expired.renew')}
        </Button>
      </section>
    );
  return (
    <section
      aria-label={t('new.label')}
      className="rounded-2xl border border-brand-100 bg-brand-50 p-5 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-col gap-5 sm:flex-row sm:items-center">
        <div className="flex-1">
          {/* The note is the user's own words ("Alice", or "for Alice"): shown as written, after a label, never inside a sentence. */}
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="pass-code-title">
            {t('new.title')}
            {code.note ? (
              <>
                {' · '}
                {t('new.note')} <bdi className="font-medium">{code.note}</bdi>
              </>
            ) : null}
          </p>
          <p
            className="my-1 font-mono text-5xl font-semibold tracking-widest tabular-nums"
            dir="ltr"
            data-testid="pass-code"
            aria-label={t('new.codeLabel', { digits: code.code.split('').join(' ') })}
          >
            {code.code.slice(0, 3)} {code.code.slice(3)}
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {t.rich('new.for', { address: code.address, ...richText })} · <Countdown until={code.expiresAt} />
          </p>
          <SharePassCodeButton invitation={invitation} className="mt-4" />
          <div className="mt-2 flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => void copy('code', code.code)}>
              {t('new.copyCode')}
            </Button>
            <Button variant="secondary" onClick={() => void copy('text', shareText(invitation, t))}>
              {t('new.copyText')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => void copy('link', connectPageLink(window.location.origin, invitation))}
              title={t('new.copyLinkTitle')}
            >
              {t('new.copyLink')}
            </Button>
          </div>
          <p className="mt-2 min-h-5 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
            {copied ? t(`new.copied.${copied as 'code' | 'text' | 'link'}`) : ''}
          </p>
        </div>
        {/* The QR code holds the web+openmsg: link: short (easy to scan), read by the Connect page's scanner, and opened by the reader's own inbox once registered. */}
        <QrCode text={invitationLink(invitation)} label={t('new.qrLabel', { address: code.address })} />
      </div>
    </section>
  );
}
