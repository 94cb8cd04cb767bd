import { describe, expect, it } from 'vitest';
import { createFakeImmutableApi } from '../src/create-fake-immutable-api.js';
import { FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '../src/model/constants.js';
import { erc721Assets, facadeClient, OTHER_OWNER, OWNER } from './helpers/facade-transports.js';

function setup(options: Parameters<typeof createFakeImmutableApi>[0] = {}) {
  const fake = createFakeImmutableApi({ latencyMs: null, ...options });
  return { fake, api: facadeClient({ fetch: fake.fetch, baseUrl: fake.baseUrl }, fake) };
}

describe('inspection helpers on the facade', () => {
  it('mintRequests filters by collection and status', async () => {
    const { fake, api } = setup();
    await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(3));
    await api.mint(FAKE_ERC1155_ADDRESS, [
      { reference_id: 'e1', owner_address: OWNER, token_id: '9', amount: '2' },
    ]);
    fake.failReferenceId(FAKE_ERC721_ADDRESS, 'ref-2');
    await fake.settle({ collection: FAKE_ERC721_ADDRESS });
    expect(fake.mintRequests().map((r) => r.referenceId)).toEqual(['ref-0', 'ref-1', 'ref-2', 'e1']);
    expect(fake.mintRequests({ collection: FAKE_ERC1155_ADDRESS, status: 'pending' })).toHaveLength(1);
    expect(fake.mintRequests({ status: 'failed' })).toMatchObject([{ referenceId: 'ref-2' }]);
    expect(
      fake.mintRequests({ collection: FAKE_ERC721_ADDRESS.toUpperCase().replace('0X', '0x') }),
    ).toHaveLength(3);
  });

  it('ownerOf and balanceOf reflect settled mints only', async () => {
    const { fake, api } = setup();
    await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1));
    await api.mint(FAKE_ERC1155_ADDRESS, [
      { reference_id: 'a', owner_address: OWNER, token_id: '5', amount: '2' },
      { reference_id: 'b', owner_address: OTHER_OWNER, token_id: '5', amount: '3' },
    ]);
    expect(fake.ownerOf(FAKE_ERC721_ADDRESS, '1')).toBeUndefined();
    expect(fake.balanceOf(FAKE_ERC1155_ADDRESS, OWNER, '5')).toBe(0n);
    await fake.settle();
    expect(fake.ownerOf(FAKE_ERC721_ADDRESS, '1')).toBe(OWNER);
    expect(fake.balanceOf(FAKE_ERC1155_ADDRESS, OWNER, '5')).toBe(2n);
    expect(fake.balanceOf(FAKE_ERC1155_ADDRESS, OTHER_OWNER, '5')).toBe(3n);
  });

  it('a client that retries through "after" faults and resets still mints each reference once', async () => {
    const { fake, api } = setup();
    fake.faults.random({ seed: 11, status5xx: 0.3, reset: 0.2, afterProcessing: 0.5 });
    const batches = Array.from({ length: 20 }, (_, i) => erc721Assets(5, `b${i}`, i * 5 + 1));
    for (const batch of batches) {
      // A naive but correct client: retry the same batch until 202, or 409 = already accepted.
      for (let attempt = 0; attempt < 50; attempt++) {
        const status = await api.mint(FAKE_ERC721_ADDRESS, batch).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 202 || status === 409) break;
      }
    }
    fake.faults.clear();
    await fake.settle();
    expect(fake.mintRequests({ status: 'succeeded' })).toHaveLength(100);
    expect(fake.requests.some((r) => r.fault === 'status-after' || r.fault === 'reset-after')).toBe(true);
    expect(() => fake.assertNoDuplicateMints()).not.toThrow();
    expect(fake.assertBudgetNeverExceeded()).toMatchObject({ charges: 20 });
  });

  it('assertBudgetNeverExceeded holds when the client is throttled with 429s', async () => {
    const { fake, api } = setup({ tier: { ratePerMinute: 60, burst: 10 } });
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(10))).status).toBe(202);
    const limited = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1, 'late', 100));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    await fake.advanceTime(1_000);
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1, 'late', 100))).status).toBe(202);
    expect(fake.assertBudgetNeverExceeded().peak).toBeDefined();
  });
});
