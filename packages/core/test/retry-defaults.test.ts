import { describe, expect, it } from 'vitest';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('default retry policy', () => {
  it('rides out a few minutes of 503s without refusing the mint', async () => {
    const h = setup();
    // Eleven failures in a row: the twelfth attempt, some minutes later, succeeds.
    h.fake.faults.next(11, { status: 503 }, { method: 'POST' });
    const mint = h.minter.mint(ERC721, { referenceId: 'outage', owner: owner() });
    for (let waited = 0; waited < 10 * 60_000; waited += 10_000) await h.tick(10_000);
    await expect(mint).resolves.toMatchObject({ accepted: 'accepted' });
    const retries = h.of('retrying');
    expect(retries).toHaveLength(11);
    const totalDelay = retries.reduce((sum, r) => sum + r.delayMs, 0);
    expect(totalDelay).toBeGreaterThan(2 * 60_000); // minutes, not seconds
    expect(h.of('failed')).toEqual([]);
    await h.minter.close();
  });
});
