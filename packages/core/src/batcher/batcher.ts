import type { Clock } from '../runtime/clock.js';

export interface BatcherOptions<T> {
  maxSize: number;
  lingerMs: number;
  clock: Clock;
  /** Receives each full (or lingered) batch of one collection. */
  flush(collection: string, items: T[]): void;
}

export interface Batcher<T> {
  add(collection: string, item: T): void;
  /** Sends everything waiting now, without lingering. */
  flushAll(): void;
  /** Items waiting (not yet handed to `flush`). */
  size(): number;
  /** Removes an item still waiting (an aborted mint); true when it was there. */
  remove(collection: string, item: T): boolean;
  close(): void;
}

/**
 * Coalesces mints per collection: a batch leaves when it holds `maxSize` items or when the
 * first item in it has waited `lingerMs`, so a burst fills requests and a lone mint is not
 * held back long. One timer per collection with waiting items; none otherwise.
 */
export function createBatcher<T>(o: BatcherOptions<T>): Batcher<T> {
  const queues = new Map<string, { items: T[]; timer: unknown }>();
  let waiting = 0;

  const flush = (collection: string) => {
    const q = queues.get(collection);
    if (!q) return;
    if (q.timer !== undefined) o.clock.clearTimeout(q.timer);
    queues.delete(collection);
    for (let i = 0; i < q.items.length; i += o.maxSize) {
      const chunk = q.items.slice(i, i + o.maxSize);
      waiting -= chunk.length;
      o.flush(collection, chunk);
    }
  };

  return {
    add(collection, item) {
      let q = queues.get(collection);
      if (!q) {
        q = { items: [], timer: undefined };
        queues.set(collection, q);
      }
      q.items.push(item);
      waiting++;
      if (q.items.length >= o.maxSize) flush(collection);
      else if (q.timer === undefined) q.timer = o.clock.setTimeout(() => flush(collection), o.lingerMs);
    },
    flushAll() {
      for (const collection of [...queues.keys()]) flush(collection);
    },
    size: () => waiting,
    remove(collection, item) {
      const q = queues.get(collection);
      const i = q ? q.items.indexOf(item) : -1;
      if (!q || i < 0) return false;
      q.items.splice(i, 1);
      waiting--;
      if (q.items.length === 0) {
        if (q.timer !== undefined) o.clock.clearTimeout(q.timer);
        queues.delete(collection);
      }
      return true;
    },
    close() {
      for (const q of queues.values()) if (q.timer !== undefined) o.clock.clearTimeout(q.timer);
      queues.clear();
      waiting = 0;
    },
  };
}
