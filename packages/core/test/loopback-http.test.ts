import { createFakeImmutableApi, FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createMinter, type Minter } from '../src/index.js';
import { owner } from './helpers/setup.js';

// Real sockets on 127.0.0.1 with the real clock; the fake settles only on command.
describe('over loopback HTTP', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  it('mints 250 assets in 3 requests, survives a reset and a 503, and settles via status lookups', async () => {
    const fake = createFakeImmutableApi({ clock: 'real', latencyMs: null });
    const server = await fake.listen({ host: '127.0.0.1' });
    cleanup.push(() => server.close());
    const minter: Minter = createMinter({
      apiKey: fake.apiKey,
      environment: { baseUrl: server.url, chainName: fake.chainName },
      retry: { baseMs: 1, maxMs: 5 },
      tracking: { polling: false },
    });
    cleanup.push(() => minter.close());
    fake.faults.next(1, { reset: true }, { method: 'POST' });
    fake.faults.next(1, { status: 503 }, { method: 'POST' });
    const receipts = await Promise.all(
      Array.from({ length: 250 }, (_, i) =>
        minter.mint(FAKE_ERC721_ADDRESS, { referenceId: `r${i}`, owner: owner(i + 1) }),
      ),
    );
    expect(receipts).toHaveLength(250);
    expect(fake.mintRequests()).toHaveLength(250);
    expect(fake.requests.filter((r) => r.method === 'POST' && r.status === 202)).toHaveLength(3);
    fake.assertNoDuplicateMints();
    expect(minter.stats().retries).toBe(2);
    await fake.settle();
    expect(await minter.status(FAKE_ERC721_ADDRESS, 'r7')).toMatchObject({ status: 'succeeded' });
  });
});
