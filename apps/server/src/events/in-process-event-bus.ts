import { EventEmitter } from 'node:events';
import { EventBus, type EventListener, type EventOrigin, type NodeEvent } from './event-bus';

/** The event bus of a node that is one process (SQLite): its events go to its own listeners only. */
export class InProcessEventBus extends EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit(event: NodeEvent): void {
    this.deliver(event, 'this-replica');
  }

  /** Hands an event to this process's listeners. */
  deliver(event: NodeEvent, origin: EventOrigin): void {
    this.emitter.emit('event', event, origin);
  }

  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
