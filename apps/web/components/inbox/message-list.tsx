'use client';

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { MessageView } from '@openmsg/core/api';
import { ThreadSkeleton } from '@/components/ui/skeleton';
import { layOutThread } from '@/lib/thread-layout';
import { useNow } from '@/lib/use-now';
import { useRovingFocus } from '@/lib/use-roving-focus';
import { useTimeFormat } from '@/lib/use-time-format';
import { MessageBubble } from './message-bubble';

interface Props {
  label: string;
  contact: { name: string; address: string; filesSupported: boolean };
  messages: MessageView[];
  loaded: boolean;
  hasOlder: boolean;
  loadOlder: () => Promise<void>;
  onRetry: (id: string) => void;
  onCopy: (message: MessageView) => void;
  onDelete: (id: string) => void;
}

/** How close to the bottom (px) still counts as "at the bottom": new messages then scroll into view. */
const NEAR_BOTTOM = 80;

/**
 * The scrolling list of a thread, newest at the bottom. Older pages load when the top comes into
 * view (or with the button), keeping what the reader looks at in place; new messages scroll into
 * view only when the reader is at the bottom or just sent one.
 */
export function MessageList({
  label,
  contact,
  messages,
  loaded,
  hasOlder,
  loadOlder,
  onRetry,
  onCopy,
  onDelete,
}: Props) {
  const t = useTranslations('inbox.thread');
  const { dayLabel } = useTimeFormat();
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const distanceFromBottom = useRef<number | null>(null);
  const lastNewestId = useRef<string | undefined>(undefined);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const days = useMemo(() => layOutThread(messages), [messages]);
  const now = useNow(60_000); // "Today" becomes "Yesterday" at midnight
  // The messages are one Tab stop (the newest, or the one last focused): arrows move between them and their actions.
  useRovingFocus(scroller, '[data-testid="message"]');

  const older = useCallback(async () => {
    const element = scroller.current;
    if (!element || loadingOlder || !hasOlder) return;
    distanceFromBottom.current = element.scrollHeight - element.scrollTop;
    setLoadingOlder(true);
    try {
      await loadOlder();
    } finally {
      setLoadingOlder(false);
    }
  }, [hasOlder, loadOlder, loadingOlder]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const newest = messages.at(-1);
    const newArrival = newest !== undefined && newest.id !== lastNewestId.current;
    lastNewestId.current = newest?.id;
    if (newArrival && (atBottom.current || newest.direction === 'out')) {
      element.scrollTop = element.scrollHeight;
      distanceFromBottom.current = null;
    } else if (distanceFromBottom.current !== null) {
      element.scrollTop = element.scrollHeight - distanceFromBottom.current;
      distanceFromBottom.current = null;
    } else if (atBottom.current) {
      element.scrollTop = element.scrollHeight; // a bubble grew (a failure reason appeared)
    }
  }, [messages]);

  // The list gets shorter when the composer grows (files attached, a long draft): the newest stays in view.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const root = scroller.current;
    const target = sentinel.current;
    if (!root || !target || !loaded || !hasOlder || loadingOlder) return;
    const observer = new IntersectionObserver(
      (entries) => entries.some((entry) => entry.isIntersecting) && void older(),
      { root, rootMargin: '300px 0px 0px 0px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasOlder, loaded, loadingOlder, older]);

  return (
    <div
      ref={scroller}
      // Scrolled from the keyboard through its messages (one of them is in the tab order); focusable itself while it has none.
      tabIndex={messages.length > 0 ? -1 : 0}
      aria-label={label}
      role="region"
      data-testid="message-scroller"
      className="min-h-0 flex-1 overflow-y-auto px-4 py-4 [overflow-anchor:none]"
      aria-busy={!loaded}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM;
      }}
    >
      <div ref={sentinel} />
      {hasOlder ? (
        <div className="mb-4 flex h-6 justify-center">
          <button
            type="button"
            onClick={() => void older()}
            disabled={loadingOlder}
            className="text-sm text-accent underline disabled:no-underline disabled:opacity-60"
          >
            {loadingOlder ? t('loadingOlder') : t('loadOlder')}
          </button>
        </div>
      ) : null}
      {loaded ? null : <ThreadSkeleton label={t('loading')} />}
      {loaded && messages.length === 0 ? <p className="text-center text-sm text-ink-muted">{t('empty')}</p> : null}
      {days.map((day) => (
        <section key={day.key} aria-labelledby={`day-${day.key}`} data-testid="day" className="mt-4 first-of-type:mt-0">
          {/* A separator between days, in the user's locale; a heading, so screen readers can jump between days. */}
          <h2
            id={`day-${day.key}`}
            className="mb-3 flex items-center gap-3 text-xs font-medium text-ink-muted"
            data-testid="day-separator"
          >
            <span aria-hidden className="h-px flex-1 bg-line" />
            {dayLabel(day.firstAt, now)}
            <span aria-hidden className="h-px flex-1 bg-line" />
          </h2>
          <ol>
            {day.groups.flatMap((group) =>
              group.messages.map((message, index) => (
                <MessageBubble
                  key={message.id}
                  message={message}
                  contact={contact}
                  firstInGroup={index === 0}
                  lastInGroup={index === group.messages.length - 1}
                  onCopy={() => onCopy(message)}
                  onDelete={() => onDelete(message.id)}
                  onRetry={() => onRetry(message.id)}
                />
              )),
            )}
          </ol>
        </section>
      ))}
    </div>
  );
}
