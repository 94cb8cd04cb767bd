import { describe, expect, it } from 'vitest';
import { ERC721, owner, setup } from './helpers/setup.js';

/** Timers that keep the event loop alive (unref'd ones are not listed by Node). */
const refTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('drain()', () => {
  it('holds the process open while it waits, and lets go when done', async () => {
    const h = setup({ minter: { batch: { lingerMs: 60_000 } } });
    // The first POST fails: the retry backoff becomes the only pending timer, an unref'd one.
    h.fake.faults.next(1, { status: 503 });
    const before = refTimers();
    const mint = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    const draining = h.minter.drain();
    expect(refTimers()).toBe(before + 1);
    await h.tick(60_000);
    await draining;
    await expect(mint).resolves.toMatchObject({ accepted: 'accepted' });
    expect(refTimers()).toBe(before);
    await h.minter.close();
  });

  it('with { settled: true } also waits for every accepted mint to settle', async () => {
    const h = setup();
    const receipts = [1, 2, 3].map((i) => h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i) }));
    let drained = false;
    const draining = h.minter.drain({ settled: true }).then(() => {
      drained = true;
    });
    await h.tick(10);
    await Promise.all(receipts);
    expect(drained).toBe(false); // accepted, not yet settled
    await h.fake.settle();
    await h.tick(5_000); // the poller's next round sees the settled mints
    await draining;
    expect(drained).toBe(true);
    expect(
      h
        .of('minted')
        .map((e) => e.referenceId)
        .sort(),
    ).toEqual(['r1', 'r2', 'r3']);
    await h.minter.close();
  });
});
