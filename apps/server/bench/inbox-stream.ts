import { type ClientRequest, request } from 'node:http';
import type { MessageView, Page } from '@openmsg/core';
import { getJson } from './http-client';

/** A signed-in account on the receiving node, as the streams bench seeds it. */
export interface SeededAccount {
  index: number;
  accountId: string;
  address: string;
  token: string;
  conversationId: string;
}

/** A message an inbox has, and how it got it: as a stream event, or from the page read at a resync. */
export interface SeenMessage {
  text: string;
  createdAt: number;
  arrivedAt: number;
  via: 'event' | 'resync';
}

type StreamState = 'idle' | 'open' | 'down' | 'closed';

/**
 * One browser tab's event stream, as the inbox uses it: GET /api/v1/events on a socket of its own
 * (no agent pooling: a tab holds its connection), `message.created` events parsed as they come.
 * When the stream ends it reconnects after the `retry:` delay the node sent (with @openmsg/client's
 * jitter and doubling after a failed attempt), to the next replica in turn (so a refused one is
 * passed over), and then resyncs as the inbox does after a gap: it reads
 * the conversation's newest page and takes what it has not seen. node:http rather than fetch: with
 * thousands of streams on the bench's core, fetch's per-chunk cost would be what is measured.
 */
export class InboxStream {
  readonly seen = new Map<string, SeenMessage>();
  /** `message.created` events per message id: more than one is a duplicate. */
  readonly eventsById = new Map<string, number>();
  /** How long each reconnection took, from the stream's end to the next open. */
  readonly reconnectMs: number[] = [];
  /** Why attempts to reconnect failed: an HTTP status, or the socket error's code. */
  readonly failedAttempts = new Map<string, number>();
  private state: StreamState = 'idle';
  private replica: number;
  private retryMs = 3000;
  private buffer = '';
  private current: ClientRequest | null = null;
  private downSince = 0;
  private failuresInARow = 0;

  constructor(
    readonly account: SeededAccount,
    private readonly replicaUrls: () => string[],
  ) {
    this.replica = account.index;
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** Opens the stream on its first replica; throws when that replica does not answer 200. */
  async open(): Promise<void> {
    if (!(await this.connect())) throw new Error(`the stream of ${this.account.address} was refused`);
  }

  close(): void {
    this.state = 'closed';
    this.current?.destroy();
  }

  /** Whether this inbox has the message of that round, by the text the bench sent. */
  hasRound(round: number): boolean {
    for (const message of this.seen.values()) if (roundOf(message.text) === round) return true;
    return false;
  }

  private get baseUrl(): string {
    const urls = this.replicaUrls();
    return urls[this.replica % urls.length] as string;
  }

  private connect(): Promise<boolean> {
    return new Promise((resolve) => {
      const outgoing = request(
        `${this.baseUrl}/api/v1/events`,
        { agent: false, headers: { authorization: `Bearer ${this.account.token}`, accept: 'text/event-stream' } },
        (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            this.countFailure(String(response.statusCode));
            resolve(false);
            return;
          }
          this.state = 'open';
          this.buffer = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => this.read(chunk));
          response.on('close', () => this.lost(outgoing));
          resolve(true);
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        this.countFailure(error.code ?? error.message);
        resolve(false);
      });
      this.current = outgoing;
      outgoing.end();
    });
  }

  private read(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      this.readBlock(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 2);
    }
  }

  private readBlock(block: string): void {
    let event = '';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('retry: ')) this.retryMs = Number(line.slice(7));
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data = line.slice(6);
    }
    if (event !== 'message.created' || !data) return;
    const message = (JSON.parse(data) as { message: MessageView }).message;
    this.eventsById.set(message.id, (this.eventsById.get(message.id) ?? 0) + 1);
    this.take(message, 'event');
  }

  private take(message: MessageView, via: SeenMessage['via']): void {
    if (message.direction !== 'in' || this.seen.has(message.id)) return;
    this.seen.set(message.id, {
      text: message.text,
      createdAt: Date.parse(message.createdAt),
      arrivedAt: Date.now(),
      via,
    });
  }

  private lost(request: ClientRequest): void {
    if (this.state === 'closed' || request !== this.current) return;
    this.state = 'down';
    this.downSince = Date.now();
    this.failuresInARow = 0;
    setTimeout(() => void this.reconnect(), this.nextDelay());
  }

  private async reconnect(): Promise<void> {
    if (this.state === 'closed') return;
    this.replica++;
    if (!(await this.connect())) {
      this.failuresInARow++;
      setTimeout(() => void this.reconnect(), this.nextDelay());
      return;
    }
    this.reconnectMs.push(Date.now() - this.downSince);
    await this.resync();
  }

  /** As packages/client/src/event-stream.ts: the clients of a stopped replica do not all come back at once. */
  private nextDelay(): number {
    return Math.min(30_000, this.retryMs * 2 ** this.failuresInARow) * (0.75 + Math.random() * 0.5);
  }

  private countFailure(reason: string): void {
    this.failedAttempts.set(reason, (this.failedAttempts.get(reason) ?? 0) + 1);
  }

  /** After a gap, as the inbox: the conversation's newest messages, taking those not seen yet. */
  private async resync(): Promise<void> {
    const url = `${this.baseUrl}/api/v1/conversations/${this.account.conversationId}/messages?limit=20`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const page = await getJson(url, { authorization: `Bearer ${this.account.token}` }).catch(() => null);
      if (page?.status === 200) {
        for (const message of (page.json as Page<MessageView>).items) this.take(message, 'resync');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
    }
  }
}

/** The text of a bench message: its round, its account and when the send request left. */
export function benchText(round: number, index: number, sentAt: number): string {
  return `streams bench round ${round} for ${index} sent ${sentAt}`;
}

export function roundOf(text: string): number | null {
  const match = /^streams bench round (\d+) /.exec(text);
  return match ? Number(match[1]) : null;
}

export function sentAtOf(text: string): number {
  return Number(/ sent (\d+)$/.exec(text)?.[1]);
}
