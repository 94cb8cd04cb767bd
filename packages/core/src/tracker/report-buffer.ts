import type { StatusSource, StatusUpdate } from '../types.js';

interface Buffered {
  update: StatusUpdate;
  source: StatusSource;
  at: number;
}

const RANK = { pending: 0, failed: 1, succeeded: 2 } as const;

/**
 * Reports for reference_ids the tracker does not know (yet). The common case is a webhook
 * that races ahead of the 202: Immutable may emit `pending` (or even a terminal event, on a
 * fast chain) before our HTTP response has been processed and `track()` called. Dropping
 * such a report would cost a poll later (or, with polling off, the mint would never
 * settle). The other case, a webhook about another service's mint in the same project, is
 * why the buffer is bounded in size and in age: those reports are never claimed and must
 * not accumulate. Expiry is checked lazily, so the buffer needs no timer.
 */
export function createReportBuffer(limit: number, ttlMs: number) {
  const items = new Map<string, Buffered>();

  const more = (a: StatusUpdate, b: StatusUpdate) => {
    if (RANK[a.status] !== RANK[b.status]) return RANK[a.status] > RANK[b.status];
    return (Date.parse(a.updatedAt ?? '') || 0) > (Date.parse(b.updatedAt ?? '') || 0);
  };

  return {
    put(key: string, update: StatusUpdate, source: StatusSource, now: number): void {
      if (limit <= 0) return;
      const held = items.get(key);
      // Keep the most advanced report per key: a late `pending` must not replace `succeeded`.
      if (held && now - held.at <= ttlMs && !more(update, held.update)) return;
      items.delete(key);
      items.set(key, { update, source, at: now });
      // Map iteration order is insertion order: the first keys are the oldest (FIFO eviction).
      while (items.size > limit) {
        const oldest = items.keys().next().value;
        if (oldest === undefined) break;
        items.delete(oldest);
      }
    },
    /** Removes and returns the report for `key` if it is still fresh. */
    take(key: string, now: number): Buffered | undefined {
      const held = items.get(key);
      if (!held) return undefined;
      items.delete(key);
      return now - held.at <= ttlMs ? held : undefined;
    },
    get size() {
      return items.size;
    },
    clear: () => items.clear(),
  };
}
