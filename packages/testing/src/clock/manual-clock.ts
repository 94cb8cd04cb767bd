import { setImmediate as realSetImmediate } from 'node:timers';

/** The timer surface mintkit's core accepts (same shape as `@mintkit/core`'s `Clock`). */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A clock whose time only moves when a test says so. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing every timer that falls due, in time order. */
  advance(ms: number): Promise<void>;
  /** Fires every pending timer (including ones scheduled while running) until none is left. */
  runAll(): Promise<void>;
  /** Number of timers scheduled and not yet fired or cleared. */
  pending(): number;
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** The default start: a fixed instant so timestamps in snapshots never depend on the host. */
export const MANUAL_CLOCK_START = Date.parse('2026-01-01T00:00:00Z');

// A runaway guard: a timer that re-schedules itself at 0 ms would make runAll() spin forever.
const RUN_ALL_LIMIT = 1_000_000;

/**
 * Lets promise chains started by one timer finish before the next timer fires.
 * A single `await Promise.resolve()` only yields one microtask turn; a chain such as
 * `fetch → response.json() → handler` needs several. `setImmediate` runs only after the
 * whole microtask queue has drained (and after I/O callbacks of the current loop turn), so
 * two of them let a chain that itself hops through one macrotask settle too. The real
 * `setImmediate` is taken from `node:timers` so `vi.useFakeTimers()` cannot freeze it.
 */
async function drainMicrotasks(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => realSetImmediate(resolve));
}

/**
 * A manual clock: `now()` stands still until `advance()` or `runAll()` is called.
 *
 * Timers live in a binary heap ordered by (due time, creation order) — a fake with a
 * thousand pending auto-settle timers must not pay O(n) per fired timer.
 *
 * @example
 * const clock = createManualClock();
 * clock.setTimeout(() => console.log('later'), 1000);
 * await clock.advance(1000);
 */
export function createManualClock(startMs: number = MANUAL_CLOCK_START): ManualClock {
  let now = startMs;
  let nextId = 1;
  const heap: Timer[] = [];
  const live = new Set<number>();

  const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.id < b.id);
  const push = (timer: Timer) => {
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const pop = (): Timer | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  // Cleared timers stay in the heap and are skipped here (lazy deletion keeps clear O(1)).
  const peekLive = (): Timer | undefined => {
    while (heap.length > 0 && !live.has(heap[0]!.id)) pop();
    return heap[0];
  };
  const fire = async (timer: Timer) => {
    pop();
    live.delete(timer.id);
    now = Math.max(now, timer.at);
    timer.callback();
    await drainMicrotasks();
  };

  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
      push({ id, at: now + delay, callback });
      live.add(id);
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') live.delete(handle);
    },
    async advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
      const target = now + ms;
      await drainMicrotasks();
      for (let timer = peekLive(); timer && timer.at <= target; timer = peekLive()) await fire(timer);
      now = target;
      await drainMicrotasks();
    },
    async runAll() {
      await drainMicrotasks();
      let fired = 0;
      for (let timer = peekLive(); timer; timer = peekLive()) {
        if (++fired > RUN_ALL_LIMIT) throw new Error('runAll(): timers keep scheduling timers; giving up');
        await fire(timer);
      }
    },
    pending: () => live.size,
  };
}
