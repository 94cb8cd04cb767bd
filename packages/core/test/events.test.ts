import { describe, expect, it, vi } from 'vitest';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('events', () => {
  it('a throwing (or rejecting) listener is reported as error and never breaks the engine or other listeners', async () => {
    const h = setup();
    const seen: string[] = [];
    h.minter.on('submitted', () => {
      throw new Error('listener bug');
    });
    h.minter.on('submitted', async () => {
      throw new Error('async listener bug');
    });
    h.minter.on('submitted', (e) => void seen.push(...e.referenceIds));
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    await h.tick(5);
    await expect(p).resolves.toMatchObject({ accepted: 'accepted' });
    await Promise.resolve();
    expect(seen).toEqual(['a']);
    expect(h.of('error').map((e) => (e.error as Error).message)).toEqual([
      'listener bug',
      'async listener bug',
    ]);
    await h.minter.close();
  });

  it('once fires once; off removes; a throwing error listener is logged, not thrown', async () => {
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const h = setup({ minter: { logger } });
    const once = vi.fn();
    const removed = vi.fn();
    h.minter.once('submitted', once);
    h.minter.on('submitted', removed);
    h.minter.off('submitted', removed);
    h.minter.on('error', () => {
      throw new Error('error listener bug');
    });
    h.minter.on('submitted', () => {
      throw new Error('x');
    });
    for (const ref of ['a', 'b']) {
      const p = h.minter.mint(ERC721, { referenceId: ref, owner: owner() });
      await h.tick(5);
      await p;
    }
    expect(once).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith('mintkit: an error listener threw', expect.anything());
    await h.minter.close();
  });
});
