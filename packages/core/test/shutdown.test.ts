import { describe, expect, it } from 'vitest';
import { AbortError } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('drain, close and timers', () => {
  it('drain() sends what lingers at once and waits until each mint is accepted', async () => {
    const h = setup({ minter: { batch: { lingerMs: 60_000 } } });
    const mints = [0, 1, 2].map((i) => h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i + 1) }));
    await h.minter.drain();
    expect(await Promise.all(mints)).toHaveLength(3);
    expect(h.of('drained')).toHaveLength(1);
    expect(h.minter.stats()).toMatchObject({ queued: 0, inFlight: 0, accepted: 3 });
    await h.minter.close();
  });

  it('close() leaves no timer of the minter behind and refuses later mints', async () => {
    const h = setup({ minter: { tracking: { polling: false } } });
    expect(h.fake.clock.pending()).toBe(0);
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    await Promise.resolve();
    await h.minter.close();
    await expect(p).resolves.toMatchObject({ accepted: 'accepted' });
    expect(h.fake.clock.pending()).toBe(0);
    await expect(h.minter.mint(ERC721, { referenceId: 'b', owner: owner() })).rejects.toBeInstanceOf(
      AbortError,
    );
  });

  it('stops the poller on close even with mints outstanding', async () => {
    const h = setup();
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    await h.tick(5);
    await p;
    expect(h.fake.clock.pending()).toBeGreaterThan(0); // the poller waits to follow 'a'
    await h.minter.close();
    expect(h.fake.clock.pending()).toBe(0);
  });

  it('supports await using (Symbol.asyncDispose)', async () => {
    const h = setup();
    {
      await using minter = h.minter;
      const p = minter.mint(ERC721, { referenceId: 'a', owner: owner() });
      await h.tick(5);
      await p;
    }
    await expect(h.minter.mint(ERC721, { referenceId: 'b', owner: owner() })).rejects.toBeInstanceOf(
      AbortError,
    );
  });

  it('an AbortSignal withdraws a mint still waiting in its batch', async () => {
    const h = setup();
    const controller = new AbortController();
    const aborted = h.minter.mint(
      ERC721,
      { referenceId: 'a', owner: owner() },
      { signal: controller.signal },
    );
    const kept = h.minter.mint(ERC721, { referenceId: 'b', owner: owner() });
    await Promise.resolve();
    await Promise.resolve();
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    await h.tick(5);
    await kept;
    expect(h.fake.mintRequests().map((r) => r.referenceId)).toEqual(['b']);
    await h.minter.close();
  });
});
