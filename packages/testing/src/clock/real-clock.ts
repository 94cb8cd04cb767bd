import type { ManualClock } from './manual-clock.js';

/**
 * The host's clock in the manual clock's shape, for a fake that runs in real time (the CLI,
 * a demo). Timers are `unref()`ed so the fake never keeps a process alive. `advance` and
 * `runAll` throw: real time cannot be moved. Globals are looked up at call time.
 */
export function realClock(): ManualClock {
  const live = new Set<ReturnType<typeof globalThis.setTimeout>>();
  const refuse = (): Promise<void> =>
    Promise.reject(new Error('realClock() cannot be advanced; use createManualClock() to control time'));
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const handle = globalThis.setTimeout(() => {
        live.delete(handle);
        callback();
      }, ms);
      handle.unref?.();
      live.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      const h = handle as ReturnType<typeof globalThis.setTimeout>;
      live.delete(h);
      globalThis.clearTimeout(h);
    },
    advance: refuse,
    runAll: refuse,
    pending: () => live.size,
  };
}
