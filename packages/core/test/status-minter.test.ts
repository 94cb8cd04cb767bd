import { createFakeImmutableApi } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('status tracking inside createMinter', () => {
  it('settles by polling alone, then leaves no timer', async () => {
    const h = setup({ fake: { latencyMs: 2000, tier: 'partner' } });
    const receipts = Array.from({ length: 40 }, (_, i) =>
      h.minter.mint(ERC721, { referenceId: `p${i}`, owner: owner(i + 1) }),
    );
    await h.tick(5);
    const settled = (await Promise.all(receipts)).map((r) => r.settled);
    for (let i = 0; i < 20 && h.of('minted').length < 40; i++) await h.tick(1000);
    expect((await Promise.all(settled)).every((o) => o.status === 'succeeded')).toBe(true);
    expect(new Set(h.of('minted').map((m) => m.referenceId)).size).toBe(40);
    expect(h.of('minted')).toHaveLength(40);
    expect(
      h.fake.requests.filter((r) => r.method === 'GET' && !r.path.endsWith('/mint-requests')),
    ).toHaveLength(0);
    expect(h.fake.clock.pending()).toBe(0);
    await h.minter.close();
  });

  it('retryFailed resubmits through the engine and mints once', async () => {
    const h = setup({
      fake: { latencyMs: 2000, tier: 'partner' },
      minter: { tracking: { retryFailed: { attempts: 2 } } },
    });
    h.fake.failReferenceId(ERC721, 'r1', 'nonce too low');
    const receipt = await (async () => {
      const p = h.minter.mint(ERC721, { referenceId: 'r1', owner: owner(1) });
      await h.tick(5);
      return p;
    })();
    for (let i = 0; i < 30 && h.of('minted').length === 0; i++) await h.tick(1000);
    await expect(receipt.settled).resolves.toMatchObject({ status: 'succeeded', referenceId: 'r1' });
    expect(h.of('retrying').filter((r) => r.referenceIds.includes('r1'))).toHaveLength(1);
    expect(h.of('failed')).toHaveLength(0);
    expect(h.of('minted')).toHaveLength(1);
    expect(h.fake.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    h.fake.assertNoDuplicateMints();
    await h.minter.close();
  });

  it('settles from verified webhooks through minter.webhooks.handle, polling off', async () => {
    const fake = createFakeImmutableApi({ latencyMs: 1000, tier: 'partner' });
    const h = setup({
      fakeApi: fake,
      minter: {
        tracking: { polling: false },
        webhooks: {
          ...fake.webhooks.verifierOptions(),
          fetch: fake.fetch,
          allowedSubscribeUrl: (url) => url.startsWith(`${fake.baseUrl}/_fake/webhooks/confirm?`),
        },
      },
    });
    fake.webhooks.subscribe(async (request) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => {
        headers[k] = v;
      });
      await h.minter.webhooks.handle(await request.text(), headers);
      return new Response(null, { status: 200 });
    });
    await fake.webhooks.flush();
    Object.assign(fake.webhooks.knobs, { duplicateRate: 0.5, reorder: true, delayMs: 300 });
    const receipts = Array.from({ length: 20 }, (_, i) =>
      h.minter.mint(ERC721, { referenceId: `w${i}`, owner: owner(i + 1) }),
    );
    await h.tick(5);
    await Promise.all(receipts);
    for (let i = 0; i < 10 && h.of('minted').length < 20; i++) await h.tick(1000);
    expect(h.of('minted')).toHaveLength(20);
    expect(new Set(h.of('minted').map((m) => m.referenceId)).size).toBe(20);
    expect(h.of('statusChanged').every((c) => c.source === 'webhook')).toBe(true);
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
    await h.minter.close();
  });
});
