/**
 * Seeded randomness for ids and outcomes. mulberry32 is hand-written (a dozen lines) because
 * the fake must be reproducible from one seed and must not depend on core's copy.
 */
export interface SeededRandom {
  next(): number;
  hex(digits: number): string;
  uuid(): string;
  /** A UUIDv7-style id: 48-bit ms timestamp first, so ids sort in time order. */
  uuidV7(ms: number): string;
}

const HEX = '0123456789abcdef';

export function createSeededRandom(seed: number): SeededRandom {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // 32 bits per draw (8 hex digits): ids and trace ids are on every request's path.
  // next() is an exact uint32 / 2^32, so the product is an integer.
  const word = () => (next() * 4294967296).toString(16).padStart(8, '0');
  const hex = (digits: number) => {
    let s = '';
    while (s.length < digits) s += word();
    return s.length === digits ? s : s.slice(0, digits);
  };
  const variant = () => HEX[8 + Math.floor(next() * 4)];
  let lastMs = -1;
  let counter = 0;
  return {
    next,
    hex,
    uuid() {
      const w1 = word();
      const w2 = word();
      const w3 = word();
      const w4 = word();
      return `${w1}-${w2.slice(0, 4)}-4${w2.slice(5)}-${variant()}${w3.slice(0, 3)}-${w3.slice(3)}${w4.slice(0, 7)}`;
    },
    uuidV7(ms) {
      // Strictly increasing even for thousands of ids in one millisecond (a settle pass on a
      // manual clock): a 12-bit counter, and when it overflows the timestamp moves on by 1 ms.
      const now = Math.max(0, Math.floor(ms));
      if (now > lastMs) {
        lastMs = now;
        counter = 0;
      } else if (++counter > 0xfff) {
        lastMs++;
        counter = 0;
      }
      const ts = lastMs.toString(16).padStart(12, '0').slice(-12);
      const seq = counter.toString(16).padStart(3, '0');
      const w = word();
      return `${ts.slice(0, 8)}-${ts.slice(8)}-7${seq}-${variant()}${w.slice(0, 3)}-${w.slice(3)}${word().slice(0, 7)}`;
    },
  };
}
