'use client';

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { apiRoutes, routeUrl, STREAM_EVENT_TYPES, type StreamEvent } from '@openmsg/core/api';
import { ApiError, callApi } from './api-client';

const MAX_BACKOFF_MS = 15_000;

/** `connecting` before the first open; `reconnecting` after the stream was lost, until it is back. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

interface Handlers {
  onEvent: (event: StreamEvent) => void;
  /** The stream is back after a gap: events may have been missed, reload what is shown. */
  onResync: () => void;
  /** The session is gone (signed out elsewhere, password changed). */
  onSignedOut: () => void;
}

/**
 * The node's Server-Sent Events. EventSource retries by itself after a dropped connection, but gives
 * up for good when an attempt is answered with an error status (the node restarting behind the
 * proxy answers 502): then this reconnects with backoff, and signs out on a 401.
 */
export function useEventStream(enabled: boolean, handlers: Handlers): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let everOpened = false;
    let stopped = false;

    const dispatch = (message: MessageEvent<string>) => {
      try {
        latest.current.onEvent(JSON.parse(message.data) as StreamEvent);
      } catch {
        // a malformed event is skipped; the next resync repairs the view
      }
    };

    const connect = () => {
      source = new EventSource(routeUrl(apiRoutes.events));
      source.onopen = () => {
        failures = 0;
        setStatus('live');
        if (everOpened) latest.current.onResync();
        everOpened = true;
      };
      source.onerror = () => {
        if (everOpened) setStatus('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retryLater();
        }
      };
      for (const type of STREAM_EVENT_TYPES) source.addEventListener(type, dispatch as EventListener);
    };

    const retryLater = () => {
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures++);
      timer = setTimeout(() => {
        callApi(apiRoutes.me).then(
          () => {
            if (!stopped && source?.readyState === EventSource.CLOSED) connect();
          },
          (error: unknown) => {
            if (stopped) return;
            if (error instanceof ApiError && error.code === 'unauthenticated') latest.current.onSignedOut();
            else retryLater();
          },
        );
      }, delay);
    };

    const reconnectNow = () => {
      if (source?.readyState !== EventSource.CLOSED || stopped) return;
      clearTimeout(timer);
      failures = 0;
      connect();
    };

    connect();
    window.addEventListener('online', reconnectNow);
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
      window.removeEventListener('online', reconnectNow);
    };
  }, [enabled]);

  return status;
}
