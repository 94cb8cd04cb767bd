import { FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';
import { loadInventoryPlugin } from './helpers/reliability-plugins.js';
import { runSoak } from './helpers/reliability-soak.js';

// The CI-sized soak: the same fault mix as `pnpm bench soak` (50,000 mints), on 2,000.
describe('soak: 2,000 mixed mints under seeded faults', () => {
  it('mints every asset exactly once, within budget, through 5xx, resets, hangs, 429 storms and lossy webhooks', async () => {
    const erc1155Inventory = await loadInventoryPlugin();
    const inventory = erc1155Inventory();
    const r = await runSoak({ mints: 2_000, seed: 7, plugins: [inventory] });
    const f = r.figures;

    // Every mint succeeded, exactly once.
    expect(r.rejected).toEqual([]);
    expect(f.succeeded).toBe(2_000);
    expect(r.events.get('minted')).toBe(2_000);
    expect(r.events.get('failed') ?? 0).toBe(0);
    expect(new Set(r.outcomes.map((o) => o.referenceId)).size).toBe(2_000);
    r.fake.assertNoDuplicateMints();
    r.fake.assertBudgetNeverExceeded();
    expect(r.fake.mintRequests({ collection: FAKE_ERC721_ADDRESS, status: 'succeeded' })).toHaveLength(
      f.erc721,
    );
    expect(r.fake.mintRequests({ collection: FAKE_ERC1155_ADDRESS, status: 'succeeded' })).toHaveLength(
      f.erc1155,
    );
    expect(r.fake.mintRequests({ status: 'pending' })).toHaveLength(0);

    // The faults really happened (a soak that injected nothing proves nothing).
    expect(f.faultsInjected).toBeGreaterThan(30);
    expect(f.afterProcessingFaults).toBeGreaterThan(0); // accepted, but the client saw a 5xx or reset
    expect(f.conflictsReferenceId).toBeGreaterThan(0); // ... so the retry met a 409 and was not minted twice
    expect(f.retries).toBeGreaterThan(0);
    expect(f.rateLimited).toBeGreaterThan(0);
    expect(f.pauses).toBeGreaterThan(0);
    expect(r.events.get('resumed')).toBe(f.pauses);
    expect(f.webhooksDropped).toBeGreaterThan(0); // settled by polling instead
    expect(f.webhookDuplicatesSeen).toBeGreaterThan(0);
    expect(r.fake.requests.some((q) => q.fault === 'hang' || q.fault === 'aborted')).toBe(true);
    // The inventory plugin sent each token's metadata once and dropped it from later mints.
    expect(inventory.stats().metadataDropped).toBeGreaterThan(0);
    expect(r.fake.clock.pending()).toBe(0);
  });

  it('is deterministic: the same seed gives the same figures', async () => {
    const erc1155Inventory = await loadInventoryPlugin();
    const a = await runSoak({ mints: 300, seed: 11, plugins: [erc1155Inventory()] });
    const b = await runSoak({ mints: 300, seed: 11, plugins: [erc1155Inventory()] });
    const { wallMs: _a, ...fa } = a.figures;
    const { wallMs: _b, ...fb } = b.figures;
    expect(fa).toEqual(fb);
    expect(fa.succeeded).toBe(300);
  });
});
