'use client';

import { useEffect, useRef, useState } from 'react';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import {
  isPhoneLayout,
  isPlainKey,
  isTypingIn,
  setSendWithModifier,
  useKeydown,
  useSendWithModifier,
} from '@/lib/use-shortcuts';

const SHORTCUTS = [
  [['/'], 'search'],
  [['j', '↓'], 'next'],
  [['k', '↑'], 'previous'],
  [['Esc'], 'escape'],
  [['?'], 'help'],
] as const satisfies ReadonlyArray<readonly [keys: readonly string[], what: string]>;

/**
 * The inbox's page-wide keys (`/`, `?`, Esc) and the help dialog listing every shortcut, with the
 * Ctrl/Cmd+Enter-to-send choice. The conversation list handles j/k and the arrows itself. No key
 * but Esc acts while typing in a field.
 */
export function KeyboardShortcuts() {
  const t = useTranslations('shortcuts');
  // Which opening of the dialog is shown (0: none). A dialog closes at once but says so a task later (its
  // `close` event): `?` pressed in between opens a new one, which that late word must not close.
  const [shown, setShown] = useState(0);
  const open = () => setShown((current) => current + 1);
  const pathname = usePathname();

  useKeydown((event) => {
    if (event.defaultPrevented || document.querySelector('dialog[open]')) return; // an open dialog handles its own Esc
    if (event.key === 'Escape') {
      const typing = isTypingIn(event.target);
      if (typing) (event.target as HTMLElement).blur();
      const inSearch = typing && (event.target as HTMLElement).id === 'message-search';
      if (!inSearch && pathname.startsWith('/c/') && isPhoneLayout()) window.history.pushState(null, '', '/');
      return;
    }
    if (isTypingIn(event.target) || !isPlainKey(event)) return;
    if (event.key === '?') {
      event.preventDefault();
      open();
    } else if (event.key === '/') {
      const search = document.getElementById('message-search');
      if (search && search.getClientRects().length > 0) {
        event.preventDefault();
        search.focus();
      }
    }
  });

  return (
    <>
      <button
        type="button"
        onClick={open}
        className="hidden size-8 shrink-0 items-center justify-center rounded-md text-sm font-semibold text-slate-600 hover:bg-slate-100 sm:flex dark:text-slate-300 dark:hover:bg-slate-800"
        aria-label={t('title')}
        title={t('buttonTitle')}
      >
        ?
      </button>
      {shown > 0 ? (
        <ShortcutsDialog key={shown} onClose={() => setShown((current) => (current === shown ? 0 : current))} />
      ) : null}
    </>
  );
}

function Key({ children }: { children: string }) {
  return (
    <kbd className="inline-block min-w-6 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
      {children}
    </kbd>
  );
}

/** A modal `<dialog>`: the browser traps focus in it, closes it on Esc and gives focus back when it closes. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations('shortcuts');
  const dialog = useRef<HTMLDialogElement>(null);
  const sendWithModifier = useSendWithModifier();
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself, outside its box (its padding is inside).
        const box = dialog.current?.getBoundingClientRect();
        const outside =
          box &&
          (event.clientX < box.left ||
            event.clientX > box.right ||
            event.clientY < box.top ||
            event.clientY > box.bottom);
        if (event.target === dialog.current && outside) dialog.current.close();
      }}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="shortcuts-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
      <dl className="mt-4 space-y-2 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} className="flex items-center justify-between gap-4">
            <dt className="flex shrink-0 gap-1" dir="ltr">
              {keys.map((key) => (
                <Key key={key}>{key}</Key>
              ))}
            </dt>
            <dd className="text-end text-slate-700 dark:text-slate-300">{t(`keys.${what}`)}</dd>
          </div>
        ))}
      </dl>
      <label className="mt-5 flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          checked={sendWithModifier}
          onChange={(event) => setSendWithModifier(event.target.checked)}
          className="mt-0.5 size-4"
        />
        <span>
          {t('sendWithModifier')} <span className="text-slate-600 dark:text-slate-400">{t('kept')}</span>
        </span>
      </label>
      <div className="mt-5 text-end">
        <button
          type="button"
          onClick={() => dialog.current?.close()}
          className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {t('close')}
        </button>
      </div>
    </dialog>
  );
}
