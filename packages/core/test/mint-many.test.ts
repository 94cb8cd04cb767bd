import { describe, expect, it } from 'vitest';
import type { AssetOutcome } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('mintMany', () => {
  it('yields one outcome per asset and counts progress per state', async () => {
    const h = setup();
    const assets = [
      ...Array.from({ length: 5 }, (_, i) => ({ referenceId: `r${i}`, owner: owner(i + 1) })),
      { referenceId: 'bad', owner: '0x1' },
    ];
    const batch = h.minter.mintMany(ERC721, assets);
    expect(batch.progress()).toMatchObject({ total: 6, queued: 6 });
    const seen: AssetOutcome[] = [];
    const consume = (async () => {
      for await (const outcome of batch) seen.push(outcome);
    })();
    await h.tick(5);
    await consume;
    expect(seen).toHaveLength(6);
    expect(seen.filter((o) => o.status === 'rejected').map((o) => o.referenceId)).toEqual(['bad']);
    expect(await batch.done).toMatchObject({ total: 6, queued: 0, accepted: 5, rejected: 1 });
    await h.fake.settle();
    await h.tick(2_000); // the poller sees them settle
    await h.tick(2_000);
    expect(batch.progress()).toMatchObject({ succeeded: 5, failed: 0 });
    await h.minter.close();
  });
});
