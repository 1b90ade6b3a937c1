import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** What happened to one account's data; the real-time stream and metrics listen to these. */
export type NodeEvent =
  | { type: 'message.received'; accountId: string; messageId: string }
  | { type: 'message.state'; accountId: string; messageId: string; state: string }
  | { type: 'message.deleted'; accountId: string; messageId: string; connectionId: string | null; conversationId: string | null }
  | { type: 'conversation.read'; accountId: string; connectionId: string; conversationId: string }
  | { type: 'connection.changed'; accountId: string; connectionId: string }
  | { type: 'connection.deleted'; accountId: string; connectionId: string }
  | { type: 'handshake'; direction: 'in' | 'out'; outcome: 'connected' | 'refused' | 'failed' }
  | { type: 'login.refused'; reason: 'bad_credentials' | 'rate_limited' };

export type AccountEvent = Extract<NodeEvent, { accountId: string }>;

@Injectable()
export class NodeEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit(event: NodeEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: NodeEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
