import { STREAM_EVENT_TYPES, type StreamEvent } from '@openmsg/core';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { OpenmsgError } from './errors';

/** `connecting` until the stream first opens; `reconnecting` after it was lost, until it is back; `closed` for good. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface EventStreamHandlers {
  onEvent: (event: StreamEvent) => void;
  /** The stream is back after a gap: events may have been missed, so fetch again what you show. */
  onResync?: () => void;
  onStatus?: (status: StreamStatus) => void;
  /** The node refused the stream for good (`unauthenticated`: signed out, token revoked); the stream is closed. */
  onError?: (error: OpenmsgError) => void;
}

export interface EventStreamOptions {
  /** The first wait before reconnecting, doubled after each failed attempt. Default: what the node asks (its `retry:` field), 1 s before it said. */
  retryMs?: number;
  /** The longest wait between attempts (default 30 s). */
  maxRetryMs?: number;
  /**
   * A stream that brings nothing for this long is taken as dead and reopened (default 45 s): the
   * node sends a heartbeat every 15 s, and a connection cut without a word (a laptop asleep, a NAT
   * that forgot it) would otherwise wait forever.
   */
  idleTimeoutMs?: number;
}

const KNOWN_TYPES = new Set<string>(STREAM_EVENT_TYPES);
/** A message's text can be 1 MB (more once escaped in JSON): an event larger than this is a broken stream. */
const MAX_EVENT_CHARS = 16_000_000;

/**
 * The node's Server-Sent Events over fetch, in Node and in browsers alike (the credentials go in
 * headers, which EventSource cannot send, and an error status is seen and decided on, where
 * EventSource gives up). Reconnects with exponential backoff and jitter until closed.
 */
export class EventStream {
  /** Settles once the stream is closed for good: by close(), or refused by the node. */
  readonly closed: Promise<void>;
  private current: StreamStatus = 'connecting';
  private readonly stopped = new AbortController();
  private wake: (() => void) | null = null;
  private failures = 0;
  private nodeRetryMs: number | null = null;

  constructor(
    private readonly open: (signal: AbortSignal) => Promise<Response>,
    private readonly handlers: EventStreamHandlers,
    private readonly options: EventStreamOptions = {},
  ) {
    this.closed = this.run();
  }

  get status(): StreamStatus {
    return this.current;
  }

  close(): void {
    this.stopped.abort();
    this.wake?.();
  }

  /** Tries again at once instead of waiting out the backoff (say, when a browser comes back online). */
  reconnectNow(): void {
    this.failures = 0;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let everOpened = false;
    while (!this.stopped.signal.aborted) {
      const refused = await this.connectOnce(() => {
        this.failures = 0;
        this.setStatus('live');
        if (everOpened) this.handlers.onResync?.();
        everOpened = true;
      });
      if (this.stopped.signal.aborted) break;
      if (refused) {
        this.setStatus('closed');
        this.handlers.onError?.(refused);
        return;
      }
      this.setStatus(everOpened ? 'reconnecting' : 'connecting');
      await this.sleep(this.nextDelay());
    }
    this.setStatus('closed');
  }

  /** One connection, read until it ends; answers the error that ends the stream for good, if that is what happened. */
  private async connectOnce(onOpen: () => void): Promise<OpenmsgError | undefined> {
    const attempt = new AbortController();
    const abortAttempt = () => attempt.abort();
    this.stopped.signal.addEventListener('abort', abortAttempt);
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const restartIdleTimer = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(abortAttempt, this.options.idleTimeoutMs ?? 45_000);
    };
    try {
      restartIdleTimer();
      const response = await this.open(attempt.signal);
      const reader = response.body?.getReader();
      if (!reader) return undefined;
      onOpen();
      const parser = createParser({
        onEvent: (message) => this.dispatch(message),
        onRetry: (ms) => (this.nodeRetryMs = ms),
        maxBufferSize: MAX_EVENT_CHARS,
      });
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        restartIdleTimer();
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch (error) {
      // Unreachable, cut, idle, an error status, an oversized event: all end in another attempt, except being signed out.
      return error instanceof OpenmsgError && error.code === 'unauthenticated' ? error : undefined;
    } finally {
      clearTimeout(idleTimer);
      this.stopped.signal.removeEventListener('abort', abortAttempt);
      attempt.abort();
    }
  }

  private dispatch(message: EventSourceMessage): void {
    // Types this version does not know yet (a newer node) are skipped, as EventSource would with no listener for them.
    if (!message.event || !KNOWN_TYPES.has(message.event)) return;
    let event: StreamEvent;
    try {
      event = JSON.parse(message.data) as StreamEvent;
    } catch {
      return; // a malformed event is skipped; the next resync repairs what it would have changed
    }
    try {
      this.handlers.onEvent(event);
    } catch (error) {
      // As with an event listener: the error is reported (uncaught), the stream goes on.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  private nextDelay(): number {
    const base = this.options.retryMs ?? this.nodeRetryMs ?? 1_000;
    const delay = Math.min(this.options.maxRetryMs ?? 30_000, base * 2 ** this.failures++);
    return delay * (0.75 + Math.random() * 0.5); // jitter: the clients of a restarted node do not all come back at once
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private setStatus(status: StreamStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.handlers.onStatus?.(status);
  }
}
