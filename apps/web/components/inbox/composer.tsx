'use client';

import { type KeyboardEvent, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { readDraft, saveDraft } from '@/lib/drafts';
import { useSendWithModifier } from '@/lib/use-shortcuts';

interface Props {
  maxChars: number;
  disabledReason: string | null;
  /** Where the unsent text is kept (lib/drafts.ts): it comes back after switching conversations or reloading. */
  draftKey: string;
  /** Resolves true when sent; false gives the text back to the composer. */
  onSend: (text: string) => Promise<boolean>;
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
  const sendWithModifier = useSendWithModifier();
  const length = Array.from(text).length;
  const tooLong = length > maxChars;
  const canSend = text.trim().length > 0 && !tooLong && !disabledReason;

  /**
   * The composer empties at once, so the next message can be written and sent while this one is on
   * its way (as in any messenger). A text that could not be sent comes back, after whatever was
   * written meanwhile: nothing typed is lost.
   */
  function send() {
    if (!canSend) return;
    const written = text;
    setText('');
    sending.current = sending.current.then(async () => {
      if (await onSend(written)) return;
      const meanwhile = current.current;
      setText(meanwhile.trim().length > 0 ? `${meanwhile}\n${written}` : written);
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
        <span>{sendWithModifier ? 'Ctrl+Enter to send, Enter for a new line' : 'Enter to send, Shift+Enter for a new line'}</span>
        {length > maxChars * 0.8 ? (
          <span className={tooLong ? 'font-semibold text-red-600' : ''} data-testid="char-counter" aria-live="polite">
            {length}/{maxChars}
          </span>
        ) : null}
      </p>
    </form>
  );
}
