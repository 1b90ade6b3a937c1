'use client';

import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { readDraft, saveDraft } from '@/lib/drafts';
import { type SendResult, waitingSentence } from '@/lib/send-retry';
import { useSendWithModifier } from '@/lib/use-shortcuts';

interface Props {
  maxChars: number;
  disabledReason: string | null;
  /** Where the unsent text is kept (lib/drafts.ts): it comes back after switching conversations or reloading. */
  draftKey: string;
  /** Resolves 'sent'; 'give-back' gives the text back to the composer; `retryInMs` keeps it waiting and sends it again then. */
  onSend: (text: string) => Promise<SendResult>;
}

/** Enter sends, Shift+Enter starts a new line (or, when chosen in the shortcuts dialog, Ctrl/Cmd+Enter sends and Enter starts a line); a counter appears near the length limit. */
export function Composer({ maxChars, disabledReason, draftKey, onSend }: Props) {
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
  const canSend = text.trim().length > 0 && !tooLong && !disabledReason;

  /**
   * The composer empties at once, so the next message can be written and sent while this one is on
   * its way (as in any messenger). A text that could not be sent comes back, after whatever was
   * written meanwhile: nothing typed is lost. A text the node could not save for now (a storage
   * fault) waits instead and goes again after the node's Retry-After; the ones after it wait their turn.
   */
  function send() {
    if (!canSend) return;
    const written = text;
    setText('');
    unanswered.current.push(written);
    setWaiting((shown) => (shown ? { count: unanswered.current.length } : null));
    sending.current = sending.current.then(async () => {
      for (;;) {
        const result = await onSend(written);
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
        if (result === 'sent') return;
        const meanwhile = current.current;
        setText(meanwhile.trim().length > 0 ? `${meanwhile}\n${written}` : written);
        return;
      }
    });
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
        {waiting ? waitingSentence(waiting.count) : ''}
      </p>
      <div className="flex items-end gap-2">
        <label htmlFor="composer" className="sr-only">
          Message
        </label>
        <textarea
          id="composer"
          rows={1}
          value={text}
          disabled={Boolean(disabledReason)}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Write a message"
          aria-describedby="composer-help"
          className="field-sizing-content max-h-40 min-h-10 flex-1 resize-none rounded-xl border border-slate-300 bg-white px-3 py-2 text-[15px] dark:border-slate-700 dark:bg-slate-900"
        />
        <Button type="submit" disabled={!canSend}>
          Send
        </Button>
      </div>
      <p id="composer-help" className="mt-1 flex justify-between text-xs text-slate-500 dark:text-slate-400">
        <span>
          {sendWithModifier ? 'Ctrl+Enter to send, Enter for a new line' : 'Enter to send, Shift+Enter for a new line'}
        </span>
        {length > maxChars * 0.8 ? (
          <span className={tooLong ? 'font-semibold text-red-600' : ''} data-testid="char-counter" aria-live="polite">
            {length}/{maxChars}
          </span>
        ) : null}
      </p>
    </form>
  );
}
