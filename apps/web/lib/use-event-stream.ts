'use client';

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { StreamStatus as ClientStreamStatus, StreamEvent } from '@openmsg/client';
import { nodeClient } from './api-client';

/** `connecting` before the first open; `reconnecting` after the stream was lost, until it is back. */
export type StreamStatus = Exclude<ClientStreamStatus, 'closed'>;

interface Handlers {
  onEvent: (event: StreamEvent) => void;
  /** The stream is back after a gap: events may have been missed, reload what is shown. */
  onResync: () => void;
  /** The session is gone (signed out elsewhere, password changed). */
  onSignedOut: () => void;
}

/**
 * The node's Server-Sent Events, through @openmsg/client's EventStream: after the stream was lost
 * (the node restarting behind the proxy answers 502) it reconnects with backoff, 1 s doubling up to
 * 15 s, and asks for a resync once it is back (and once when it first opens); a 401 ends it and
 * signs out. Coming back online retries at once.
 */
export function useEventStream(enabled: boolean, handlers: Handlers): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    let opened = false;
    const stream = nodeClient.events(
      {
        onEvent: (event) => latest.current.onEvent(event),
        onResync: () => latest.current.onResync(),
        onStatus: (next) => {
          if (next !== 'closed') setStatus(next);
          // The page read its data before the stream first opened: what happened in between came as
          // no event, so it is read once more (a message arriving during the first load is not missed).
          if (next === 'live' && !opened) {
            opened = true;
            latest.current.onResync();
          }
        },
        onError: (error) => {
          if (error.code === 'unauthenticated') latest.current.onSignedOut();
        },
      },
      { retryMs: 1_000, maxRetryMs: 15_000 },
    );
    const reconnectNow = () => stream.reconnectNow();
    window.addEventListener('online', reconnectNow);
    return () => {
      stream.close();
      window.removeEventListener('online', reconnectNow);
    };
  }, [enabled]);

  return status;
}
