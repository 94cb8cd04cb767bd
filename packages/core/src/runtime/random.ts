/** A source of numbers in [0, 1). Inject a seeded one for reproducible jitter in tests. */
export type Random = () => number;

/** mulberry32: a tiny seedable PRNG, good enough for backoff jitter (not for secrets). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
