import { FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import { vi } from 'vitest';
import type { MintReceipt } from '../../src/index.js';
import { type Harness, owner, setup } from './setup.js';
import { mintEvent, webhookFixture } from './webhooks-fixture.js';

/**
 * A minter whose only status source is `minter.webhooks.handle` (polling off), with one mint
 * accepted and settled on the fake but not yet known to the minter, every outbound door
 * spied on: the certificate fetcher, the SubscribeURL fetch, and globalThis.fetch.
 */
export async function hostileWebhookRig(): Promise<{
  h: Harness;
  receipt: MintReceipt;
  /** The genuine event for the accepted mint (sign it to deliver it). */
  genuine: ReturnType<typeof mintEvent>;
  fetchCertificate: ReturnType<typeof vi.fn>;
  confirmFetch: ReturnType<typeof vi.fn>;
  globalFetch: ReturnType<typeof vi.spyOn>;
  close(): Promise<void>;
}> {
  const f = webhookFixture();
  const confirmFetch = vi.fn(async () => new Response('ok'));
  const h = setup({
    fakeApi: f.fake,
    minter: {
      tracking: { polling: false },
      webhooks: { ...f.verifierOptions, fetch: confirmFetch as unknown as typeof fetch },
    },
  });
  const globalFetch = vi.spyOn(globalThis, 'fetch');
  const minting = h.minter.mint(FAKE_ERC721_ADDRESS, { referenceId: 'hostile-1', owner: owner(7) });
  await h.tick(5);
  const receipt = await minting;
  await f.fake.settle();
  const genuine = mintEvent({
    reference_id: 'hostile-1',
    contract_address: FAKE_ERC721_ADDRESS,
    owner_address: owner(7),
    token_id: '1',
  });
  return {
    h,
    receipt,
    genuine,
    fetchCertificate: f.fetchCertificate,
    confirmFetch,
    globalFetch,
    async close() {
      globalFetch.mockRestore();
      await h.minter.close();
    },
  };
}
