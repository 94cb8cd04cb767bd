import { EventEmitter } from 'eventemitter3';
import type { Logger } from '../runtime/logger.js';
import type { MinterEventName, MinterEvents } from '../types.js';

export type Listener<E extends MinterEventName> = (payload: MinterEvents[E]) => unknown;

/** The subscription surface of a minter. */
export interface MinterEmitter {
  on<E extends MinterEventName>(event: E, listener: Listener<E>): this;
  once<E extends MinterEventName>(event: E, listener: Listener<E>): this;
  off<E extends MinterEventName>(event: E, listener: Listener<E>): this;
}

export interface SafeEmitter {
  on<E extends MinterEventName>(event: E, listener: Listener<E>): void;
  once<E extends MinterEventName>(event: E, listener: Listener<E>): void;
  off<E extends MinterEventName>(event: E, listener: Listener<E>): void;
  emit<E extends MinterEventName>(event: E, payload: MinterEvents[E]): void;
  listenerCount(event: MinterEventName): number;
  removeAll(): void;
}

/**
 * eventemitter3 with one change: every listener is wrapped so that a throw (or a rejected
 * promise from an async listener) is caught and re-emitted as `error`, instead of stopping
 * the other listeners and unwinding into the engine. A throwing `error` listener is logged.
 */
export function createEmitter(logger: Logger): SafeEmitter {
  const ee = new EventEmitter();
  const wrappers = new Map<string, Map<unknown, Array<(p: unknown) => void>>>();

  const report = (event: string, error: unknown) => {
    if (event === 'error') {
      logger.error('mintkit: an error listener threw', { error: String(error) });
      return;
    }
    emit('error', { error, context: `listener of "${event}"` });
  };

  const wrap = (event: string, listener: (p: unknown) => unknown, once: boolean) => {
    const wrapper = (payload: unknown) => {
      if (once) forget(event, listener, wrapper);
      try {
        const out = listener(payload);
        if (out && typeof (out as Promise<unknown>).then === 'function') {
          (out as Promise<unknown>).then(undefined, (error) => report(event, error));
        }
      } catch (error) {
        report(event, error);
      }
    };
    let perEvent = wrappers.get(event);
    if (!perEvent) {
      perEvent = new Map();
      wrappers.set(event, perEvent);
    }
    const list = perEvent.get(listener) ?? [];
    list.push(wrapper);
    perEvent.set(listener, list);
    return wrapper;
  };

  const forget = (event: string, listener: unknown, wrapper: (p: unknown) => void) => {
    const list = wrappers.get(event)?.get(listener);
    if (!list) return;
    const i = list.indexOf(wrapper);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) wrappers.get(event)?.delete(listener);
  };

  function emit<E extends MinterEventName>(event: E, payload: MinterEvents[E]): void {
    if (event === 'error' && ee.listenerCount('error') === 0) {
      const info = payload as MinterEvents['error'];
      logger.error(`mintkit: ${info.context}`, { error: String(info.error) });
      return;
    }
    ee.emit(event, payload);
  }

  return {
    on(event, listener) {
      ee.on(event, wrap(event, listener as (p: unknown) => unknown, false));
    },
    once(event, listener) {
      ee.once(event, wrap(event, listener as (p: unknown) => unknown, true));
    },
    off(event, listener) {
      const list = wrappers.get(event)?.get(listener);
      const wrapper = list?.pop();
      if (!wrapper) return;
      if (list?.length === 0) wrappers.get(event)?.delete(listener);
      ee.off(event, wrapper);
    },
    emit,
    listenerCount: (event) => ee.listenerCount(event),
    removeAll() {
      ee.removeAllListeners();
      wrappers.clear();
    },
  };
}
