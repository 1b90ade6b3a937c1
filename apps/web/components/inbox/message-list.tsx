'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MessageView } from '@openmsg/core/api';
import { MessageBubble } from './message-bubble';

interface Props {
  label: string;
  messages: MessageView[];
  loaded: boolean;
  hasOlder: boolean;
  loadOlder: () => Promise<void>;
  onRetry: (id: string) => void;
}

/** How close to the bottom (px) still counts as "at the bottom": new messages then scroll into view. */
const NEAR_BOTTOM = 80;

/**
 * The scrolling list of a thread, newest at the bottom. Older pages load when the top comes into
 * view (or with the button), keeping what the reader looks at in place; new messages scroll into
 * view only when the reader is at the bottom or just sent one.
 */
export function MessageList({ label, messages, loaded, hasOlder, loadOlder, onRetry }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const distanceFromBottom = useRef<number | null>(null);
  const lastNewestId = useRef<string | undefined>(undefined);
  const [loadingOlder, setLoadingOlder] = useState(false);

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

  useEffect(() => {
    const root = scroller.current;
    const target = sentinel.current;
    if (!root || !target || !loaded || !hasOlder || loadingOlder) return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && void older(), { root, rootMargin: '300px 0px 0px 0px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasOlder, loaded, loadingOlder, older]);

  return (
    <div
      ref={scroller}
      tabIndex={0}
      aria-label={label}
      role="region"
      data-testid="message-scroller"
      className="min-h-0 flex-1 overflow-y-auto px-4 py-4 [overflow-anchor:none]"
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
            className="text-sm text-brand-600 underline disabled:no-underline disabled:opacity-60 dark:text-brand-100"
          >
            {loadingOlder ? 'Loading older messages…' : 'Load older messages'}
          </button>
        </div>
      ) : null}
      {loaded && messages.length === 0 ? <p className="text-center text-sm text-slate-500 dark:text-slate-400">No messages yet. Say hello!</p> : null}
      <ol className="space-y-3">
        {messages.map((message) => (
          <MessageBubble key={message.id} message={message} onRetry={onRetry} />
        ))}
      </ol>
    </div>
  );
}
