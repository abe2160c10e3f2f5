import { EventEmitter } from 'node:events';
import type { CoreEvents, EventName } from '../../contract/events';

export type EventListener = <E extends EventName>(event: E, payload: CoreEvents[E]) => void;

/** Pushes progress and job events to whichever transport listens (IPC, SSE, CLI). */
export class EventBus {
  private emitter = new EventEmitter();

  emit<E extends EventName>(event: E, payload: CoreEvents[E]): void {
    this.emitter.emit('event', event, payload);
  }

  /** Listens to one kind of event, with its payload typed. */
  on<E extends EventName>(event: E, fn: (payload: CoreEvents[E]) => void): () => void {
    const listener = (name: EventName, payload: unknown) => {
      if (name === event) fn(payload as CoreEvents[E]);
    };
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
