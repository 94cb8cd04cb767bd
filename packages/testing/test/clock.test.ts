import { describe, expect, it } from 'vitest';
import { createManualClock, MANUAL_CLOCK_START, realClock } from '../src/index.js';

describe('createManualClock', () => {
  it('starts at 2026-01-01T00:00:00Z by default and at the given time otherwise', () => {
    expect(createManualClock().now()).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(MANUAL_CLOCK_START).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(createManualClock(5).now()).toBe(5);
  });

  it('fires due timers in time order, ties in creation order, with now() at each timer time', async () => {
    const clock = createManualClock(0);
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => fired.push(['c', clock.now()]), 30);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 10);
    clock.setTimeout(() => fired.push(['b1', clock.now()]), 20);
    clock.setTimeout(() => fired.push(['b2', clock.now()]), 20);
    clock.setTimeout(() => fired.push(['late', clock.now()]), 100);
    await clock.advance(50);
    expect(fired).toEqual([
      ['a', 10],
      ['b1', 20],
      ['b2', 20],
      ['c', 30],
    ]);
    expect(clock.now()).toBe(50);
    expect(clock.pending()).toBe(1);
  });

  it('lets a promise chain started by one timer finish before the next timer fires', async () => {
    const clock = createManualClock(0);
    const log: string[] = [];
    clock.setTimeout(() => {
      void (async () => {
        await Promise.resolve();
        await new Promise((r) => setImmediate(r));
        await Promise.resolve();
        log.push('chain done');
      })();
    }, 10);
    clock.setTimeout(() => log.push('second timer'), 10);
    await clock.advance(10);
    expect(log).toEqual(['chain done', 'second timer']);
  });

  it('fires timers scheduled by a timer when they fall inside the advanced window', async () => {
    const clock = createManualClock(0);
    const at: number[] = [];
    clock.setTimeout(() => {
      at.push(clock.now());
      clock.setTimeout(() => at.push(clock.now()), 5);
    }, 10);
    await clock.advance(14);
    expect(at).toEqual([10]);
    await clock.advance(1);
    expect(at).toEqual([10, 15]);
  });

  it('clearTimeout cancels; pending() counts live timers only', async () => {
    const clock = createManualClock(0);
    let fired = false;
    const h = clock.setTimeout(() => {
      fired = true;
    }, 10);
    clock.setTimeout(() => {}, 10);
    expect(clock.pending()).toBe(2);
    clock.clearTimeout(h);
    expect(clock.pending()).toBe(1);
    await clock.advance(20);
    expect(fired).toBe(false);
    expect(clock.pending()).toBe(0);
  });

  it('runAll fires everything, including timers scheduled while running, and moves time', async () => {
    const clock = createManualClock(0);
    const at: number[] = [];
    clock.setTimeout(() => {
      at.push(clock.now());
      clock.setTimeout(() => at.push(clock.now()), 1000);
    }, 500);
    await clock.runAll();
    expect(at).toEqual([500, 1500]);
    expect(clock.now()).toBe(1500);
    expect(clock.pending()).toBe(0);
  });

  it('treats negative or non-finite delays as 0 and rejects a negative advance', async () => {
    const clock = createManualClock(0);
    let fired = 0;
    clock.setTimeout(() => fired++, -5);
    clock.setTimeout(() => fired++, Number.NaN);
    await clock.advance(0);
    expect(fired).toBe(2);
    await expect(clock.advance(-1)).rejects.toThrow(RangeError);
  });

  it('keeps many timers ordered (heap) and fires each exactly once', async () => {
    const clock = createManualClock(0);
    const fired: number[] = [];
    const delays = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
    for (const d of delays) clock.setTimeout(() => fired.push(d), d);
    await clock.advance(1000);
    expect(fired).toEqual([...delays].sort((a, b) => a - b));
  });
});

describe('realClock', () => {
  it('has the manual shape, reads the host time and refuses to be advanced', async () => {
    const clock = realClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
    const h = clock.setTimeout(() => {}, 60_000);
    expect(clock.pending()).toBe(1);
    clock.clearTimeout(h);
    expect(clock.pending()).toBe(0);
    await expect(clock.advance(10)).rejects.toThrow(/cannot be advanced/);
    await expect(clock.runAll()).rejects.toThrow(/cannot be advanced/);
  });
});
