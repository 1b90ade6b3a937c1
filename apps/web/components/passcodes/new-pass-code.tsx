'use client';

import { useState } from 'react';
import type { CreatedPassCode } from '@openmsg/core/api';
import { Button } from '@/components/ui/button';
import { Countdown } from './countdown';
import { QrCode } from './qr-code';
import { connectPageLink, invitationLink, shareText } from '@/lib/share-text';

/** A code just generated: shown once, large, with copy, share text, QR code and the time left. */
export function NewPassCode({ code }: { code: CreatedPassCode }) {
  const [copied, setCopied] = useState<string | null>(null);
  const invitation = { address: code.address, passCode: code.code };
  const copy = async (what: string, text: string) => {
    await navigator.clipboard.writeText(text).catch(() => undefined);
    setCopied(what);
  };
  return (
    <section
      aria-label="New pass code"
      className="rounded-2xl border border-brand-100 bg-brand-50 p-5 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-col gap-5 sm:flex-row sm:items-center">
        <div className="flex-1">
          {/* The note is the user's own words ("Alice", or "for Alice"): shown as written, after a label, never inside a sentence. */}
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="pass-code-title">
            Your pass code
            {code.note ? (
              <>
                {' · '}Note: <bdi className="font-medium">{code.note}</bdi>
              </>
            ) : null}
          </p>
          <p
            className="my-1 font-mono text-5xl font-semibold tracking-widest tabular-nums"
            data-testid="pass-code"
            aria-label={`pass code ${code.code.split('').join(' ')}`}
          >
            {code.code.slice(0, 3)} {code.code.slice(3)}
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            for <span className="font-medium">{code.address}</span> · <Countdown until={code.expiresAt} />
          </p>
          <div className="mt-4 flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => void copy('code', code.code)}>
              Copy code
            </Button>
            <Button variant="secondary" onClick={() => void copy('text', shareText(invitation))}>
              Copy share text
            </Button>
            <Button
              variant="secondary"
              onClick={() => void copy('link', connectPageLink(window.location.origin, invitation))}
              title="For someone with an account on this inbox"
            >
              Copy link
            </Button>
          </div>
          <p className="mt-2 min-h-5 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
            {copied === 'code'
              ? 'Code copied.'
              : copied === 'text'
                ? 'Share text copied.'
                : copied === 'link'
                  ? 'Link copied.'
                  : ''}
          </p>
        </div>
        {/* The QR code holds the web+openmsg: link: short (easy to scan), read by the Connect page's scanner, and opened by the reader's own inbox once registered. */}
        <QrCode text={invitationLink(invitation)} label={`QR code of ${code.address} and the pass code`} />
      </div>
    </section>
  );
}
