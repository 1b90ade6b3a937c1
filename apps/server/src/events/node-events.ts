import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** What happened to one account's data; the real-time stream and metrics listen to these. */
export type NodeEvent =
  | { type: 'message.received'; accountId: string; messageId: string }
  | { type: 'message.state'; accountId: string; messageId: string; state: string }
  | { type: 'connection.changed'; accountId: string; connectionId: string };

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
