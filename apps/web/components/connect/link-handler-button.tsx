'use client';

import { useState } from 'react';
import { LINK_SCHEME } from '@/lib/share-text';

/**
 * Makes this inbox the browser's handler for `web+openmsg:` links (the link in a share text and in
 * a QR code): the browser then opens `/connect?uri=<link>` here, prefilled. Browsers ask for it only
 * from a click, and say nothing back about the person's answer, so the text says what was asked.
 */
export function LinkHandlerButton() {
  const [asked, setAsked] = useState<'asked' | 'unsupported' | null>(null);
  function register() {
    try {
      navigator.registerProtocolHandler(LINK_SCHEME, `${window.location.origin}/connect?uri=%s`);
      setAsked('asked');
    } catch {
      setAsked('unsupported');
    }
  }
  return (
    <div className="space-y-1">
      <button
        type="button"
        onClick={register}
        className="text-sm font-medium text-brand-600 underline dark:text-brand-100"
      >
        Open Openmsg links in this inbox
      </button>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Then the link in a shared pass code ({LINK_SCHEME}:…) opens this page, filled in.
      </p>
      <p className="min-h-4 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {asked === 'asked'
          ? `Your browser was asked to open ${LINK_SCHEME}: links here; accept it if it asks.`
          : asked === 'unsupported'
            ? 'This browser cannot open Openmsg links in a web inbox. Paste the share text instead.'
            : ''}
      </p>
    </div>
  );
}
