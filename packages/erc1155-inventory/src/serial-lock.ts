/**
 * Runs tasks one at a time per key, in call order (a promise chain per key). A few lines,
 * so no mutex library; failures do not break the chain.
 */
export function createSerialLock() {
  const tails = new Map<string, Promise<void>>();
  return function serially<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (tails.get(key) ?? Promise.resolve()).then(fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
