'use client';

import { type ClipboardEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CloseIcon } from '@/components/ui/icons';
import { onComposerFocus } from '@/lib/composer-focus';
import { linksInsteadSentence, overLimitSentence, partsHint, type TextLimit } from '@/lib/composer-limits';
import { readDraft, saveDraft } from '@/lib/drafts';
import { type SendResult, waitingSentence } from '@/lib/send-retry';
import { pastedFileName } from '@/lib/upload-queue';
import { useSendWithModifier } from '@/lib/use-shortcuts';
import { AttachButton } from './attach-button';
import { AttachmentChips } from './attachment-chips';
import { useLetterParts } from './use-letter-parts';
import type { Attachments } from './use-attachments';

export interface OutgoingMessage {
  text: string;
  /** Finished uploads, in the order shown. */
  attachmentIds: string[];
}

interface Props {
  /** The contact's limits (lib/composer-limits.ts): the most the composer takes, and how much goes in one message. */
  limit: TextLimit;
  disabledReason: string | null;
  /** Where the unsent text is kept (lib/drafts.ts): it comes back after switching conversations or reloading. */
  draftKey: string;
  /** The conversation's id: opening it from the list puts the caret here (lib/composer-focus.ts). */
  conversationId: string;
  /** The files being attached (use-attachments.ts); drops on the conversation land there too. */
  attachments: Attachments;
  contact: { name: string; filesSupported: boolean };
  /** Resolves 'sent'; 'give-back' gives the text (and files) back to the composer; `retryInMs` keeps it waiting and sends it again then. */
  onSend: (message: OutgoingMessage) => Promise<SendResult>;
}

/** Enter sends, Shift+Enter starts a new line (or, when chosen in the shortcuts dialog, Ctrl/Cmd+Enter sends and Enter starts a line); a counter appears near the length limit. */
export function Composer({ limit, disabledReason, draftKey, conversationId, attachments, contact, onSend }: Props) {
  const { maxChars } = limit;
  const t = useTranslations('composer');
  const tFiles = useTranslations('files');
  const locale = useLocale();
  const filesText = { t: tFiles, locale };
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => onComposerFocus(conversationId, () => box.current?.focus()), [conversationId]);
  /** Bumped when Enter or Send is pressed on a text over the limit: the sentence is announced again. */
  const [refusedTooLong, setRefusedTooLong] = useState(0);
  const [text, setDraft] = useState(() => readDraft(draftKey));
  const current = useRef(text);
  const setText = (value: string) => {
    current.current = value;
    setDraft(value);
    saveDraft(draftKey, value);
  };
  /** Sends go one after the other, in the order they were written. */
  const sending = useRef<Promise<void>>(Promise.resolve());
  /** Texts sent and not yet answered, and whether the node asked them to wait (its storage fails for now). */
  const unanswered = useRef<string[]>([]);
  const [waiting, setWaiting] = useState<{ count: number } | null>(null);
  const askedToWait = useRef(false);
  // Texts waiting for the node when the page goes away come back as the draft: nothing typed is lost.
  useEffect(() => {
    const keepWaiting = () => {
      if (!askedToWait.current || unanswered.current.length === 0) return;
      saveDraft(draftKey, [current.current, ...unanswered.current].filter((one) => one.trim().length > 0).join('\n'));
    };
    window.addEventListener('pagehide', keepWaiting);
    return () => window.removeEventListener('pagehide', keepWaiting);
  }, [draftKey]);
  const sendWithModifier = useSendWithModifier();
  const length = Array.from(text).length;
  const tooLong = length > maxChars;
  const { readyIds, blockedBy } = attachments.summary;
  const canSend = (text.trim().length > 0 || readyIds.length > 0) && !tooLong && !disabledReason && !blockedBy;
  const parts = useLetterParts(text, limit);
  const hint = partsHint(length, parts, limit, filesText);
  const overLimit = overLimitSentence(length, limit, attachments.enabled, t);

  /**
   * The composer empties at once, so the next message can be written and sent while this one is on
   * its way (as in any messenger). A text that could not be sent comes back, after whatever was
   * written meanwhile: nothing typed is lost. A text the node could not save for now (a storage
   * fault) waits instead and goes again after the node's Retry-After; the ones after it wait their turn.
   */
  function send() {
    if (tooLong) setRefusedTooLong((times) => times + 1);
    if (!canSend) return;
    const written = text;
    const files = attachments.takeForSend();
    setText('');
    unanswered.current.push(written);
    setWaiting((shown) => (shown ? { count: unanswered.current.length } : null));
    sending.current = sending.current.then(async () => {
      for (;;) {
        const result = await onSend({ text: written, attachmentIds: files.flatMap((file) => file.attachmentId ?? []) });
        if (typeof result === 'object') {
          // Nothing was saved: the same text goes again after the node's Retry-After, still in order.
          askedToWait.current = true;
          setWaiting({ count: unanswered.current.length });
          await new Promise((resolve) => setTimeout(resolve, result.retryInMs));
          continue;
        }
        unanswered.current.splice(unanswered.current.indexOf(written), 1);
        askedToWait.current = false;
        setWaiting(null);
        if (result === 'sent') return attachments.sent(files);
        attachments.restore(files);
        const meanwhile = current.current;
        setText(meanwhile.trim().length > 0 ? `${meanwhile}\n${written}` : written);
        return;
      }
    });
  }

  /** A pasted image (a screenshot) is attached; pasted text goes in the box as usual. */
  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = Array.from(event.clipboardData.files);
    if (files.length === 0 || !attachments.enabled || event.clipboardData.types.includes('text/plain')) return;
    event.preventDefault();
    const now = new Date();
    void attachments.attach(
      files.map((file) =>
        /^image\.(png|jpe?g|gif|webp)$/i.test(file.name) || !file.name
          ? new File([file], pastedFileName(file.type, now), { type: file.type })
          : file,
      ),
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (sendWithModifier ? event.ctrlKey || event.metaKey : !event.shiftKey) {
      event.preventDefault();
      send();
    }
  }

  return (
    <form
      className="border-t border-slate-200 p-3 dark:border-slate-800"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {disabledReason ? <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">{disabledReason}</p> : null}
      <p
        role="status"
        data-testid="composer-waiting"
        className={waiting ? 'mb-2 text-xs text-slate-600 dark:text-slate-300' : 'sr-only'}
      >
        {waiting ? waitingSentence(waiting.count, t) : ''}
      </p>
      {/* Uploads starting, finishing and failing, for screen readers (each bar carries its own progress). */}
      <p className="sr-only" aria-live="polite" data-testid="upload-announcement">
        {attachments.announcement}
      </p>
      {attachments.problems.length > 0 ? (
        <div className="mb-2" data-testid="attachment-problems">
          <Alert>
            <div className="flex items-start gap-2">
              <ul className="min-w-0 flex-1 space-y-1 wrap-anywhere">
                {attachments.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
              <button
                type="button"
                onClick={attachments.dismissProblems}
                aria-label={t('dismiss')}
                className="-m-1 shrink-0 rounded p-1"
              >
                <CloseIcon />
              </button>
            </div>
          </Alert>
        </div>
      ) : null}
      {attachments.items.length > 0 && !contact.filesSupported ? (
        <div className="mb-2" data-testid="links-instead">
          <Alert kind="info">{linksInsteadSentence(contact.name, filesText)}</Alert>
        </div>
      ) : null}
      <AttachmentChips attachments={attachments} />
      <div className="flex items-end gap-2">
        {attachments.enabled ? (
          <AttachButton
            onFiles={(files) => void attachments.attach(files)}
            disabled={Boolean(disabledReason)}
            describedBy={contact.filesSupported ? undefined : 'composer-links-note'}
          />
        ) : null}
        <label htmlFor="composer" className="sr-only">
          {t('label')}
        </label>
        <textarea
          ref={box}
          id="composer"
          rows={1}
          value={text}
          disabled={Boolean(disabledReason)}
          onChange={(event) => {
            setText(event.target.value);
            setRefusedTooLong(0);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          placeholder={attachments.items.length > 0 ? t('caption') : t('placeholder')}
          aria-describedby={overLimit ? 'composer-too-long composer-help' : 'composer-help'}
          aria-invalid={tooLong || undefined}
          className="field-sizing-content max-h-40 min-h-10 min-w-0 flex-1 resize-none rounded-xl border border-slate-300 bg-white px-3 py-2 text-[15px] dark:border-slate-700 dark:bg-slate-900"
        />
        <Button type="submit" disabled={!canSend} aria-describedby={overLimit ? 'composer-too-long' : undefined}>
          {t('send')}
        </Button>
      </div>
      {overLimit ? (
        <p id="composer-too-long" className="mt-1 text-xs font-medium text-danger" data-testid="composer-too-long">
          {overLimit}
        </p>
      ) : null}
      {/* Enter on a text over the limit does nothing else: screen readers hear why (again on each try). */}
      <p role="alert" className="sr-only" data-testid="composer-too-long-alert">
        {overLimit && refusedTooLong > 0 ? <span key={refusedTooLong}>{overLimit}</span> : null}
      </p>
      {contact.filesSupported ? null : (
        <span id="composer-links-note" className="sr-only">
          {linksInsteadSentence(contact.name, filesText)}
        </span>
      )}
      <p
        id="composer-help"
        className="mt-1 flex flex-wrap justify-between gap-x-3 text-xs text-slate-500 dark:text-slate-400"
      >
        <span>{blockedBy ?? (sendWithModifier ? t('helpWithModifier') : t('help'))}</span>
        {hint ? <span data-testid="parts-hint">{hint}</span> : null}
        {length > maxChars * 0.8 ? (
          <span className={tooLong ? 'font-semibold text-red-600' : ''} data-testid="char-counter" aria-live="polite">
            {t('counter', { length, max: maxChars })}
          </span>
        ) : null}
      </p>
    </form>
  );
}
