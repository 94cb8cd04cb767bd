import { describe, expect, it } from 'vitest';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('minter.webhooks.handle', () => {
  it('feeds verified webhooks to the tracker: settled resolves, minted fires once despite duplicates', async () => {
    const base = setup();
    await base.minter.close();
    const fake = base.fake;
    const h = setup({
      fakeApi: fake,
      minter: {
        tracking: { polling: false },
        webhooks: {
          ...fake.webhooks.verifierOptions(),
          fetch: (async (input: string | URL | Request) =>
            fake.webhooks.handleConfirmationRequest(new Request(String(input)))) as typeof fetch,
          allowedSubscribeUrl: (url: string) => url.startsWith(`${fake.baseUrl}/_fake/webhooks/confirm?`),
        },
      },
    });
    fake.webhooks.knobs.duplicateRate = 1;
    const sub = fake.webhooks.subscribe(async (request) => {
      await h.minter.webhooks.handle(await request.text(), Object.fromEntries(request.headers));
      return new Response(null, { status: 200 });
    });
    await fake.webhooks.flush();
    expect(fake.webhooks.confirmed(sub.id)).toBe(true);

    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    await h.tick(5);
    const receipt = await p;
    await fake.settle();
    await fake.webhooks.flush();
    await h.tick(1_000);
    await fake.webhooks.flush();
    await expect(receipt.settled).resolves.toMatchObject({ status: 'succeeded', referenceId: 'a' });
    expect(h.of('minted').map((m) => m.referenceId)).toEqual(['a']);
    expect(h.of('webhook').some((w) => w.duplicate)).toBe(true);
    expect(h.of('webhook').some((w) => w.event === 'imtbl_zkevm_mint_request_updated')).toBe(true);
    await h.minter.close();
  });
});
