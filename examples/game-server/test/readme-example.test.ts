// The "Testing your game server with @mintkit/testing" example of the root README, verbatim
// (from the imports on): if this file breaks, the README is wrong.
import { createMinter, type Minter, referenceIdFrom } from '@mintkit/core';
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';

// Your game code: award a trophy when a match ends. The reference id comes from the event,
// so a replayed event can never mint twice.
async function onMatchEnd(minter: Minter, match: { id: string; winner: string; wallet: string }) {
  const receipt = await minter.mint(FAKE_ERC721_ADDRESS, {
    referenceId: referenceIdFrom('trophy', match.id),
    owner: match.wallet,
    metadata: { name: `Trophy of match ${match.id}` },
  });
  return receipt.settled;
}

describe('trophies', () => {
  it('mints one trophy per match, even when the match-end event is delivered twice', async () => {
    const fake = createFakeImmutableApi(); // in-process, manual clock: nothing happens until you say so
    const minter = createMinter({ apiKey: fake.apiKey, fetch: fake.fetch, clock: fake.clock });
    const match = { id: 'm-1', winner: 'ada', wallet: '0x000000000000000000000000000000000000ada1' };

    const first = onMatchEnd(minter, match);
    const replay = onMatchEnd(minter, match).catch((error: Error) => error); // same reference id
    await fake.advanceTime(60_000); // batch linger, on-chain latency, status polling

    expect(await first).toMatchObject({ status: 'succeeded', owner: match.wallet });
    expect(await replay).toMatchObject({ name: 'ValidationError' }); // refused before any request
    expect(fake.mintRequests({ collection: FAKE_ERC721_ADDRESS })).toHaveLength(1);
    fake.assertNoDuplicateMints();
    await minter.close();
  });

  it('keeps the reward when the API has a bad minute', async () => {
    const fake = createFakeImmutableApi();
    const minter = createMinter({ apiKey: fake.apiKey, fetch: fake.fetch, clock: fake.clock });
    fake.faults.next(2, { status: 503 }); // the next two requests fail
    const failed: string[] = [];
    const retries: number[] = [];
    minter.on('failed', (e) => failed.push(e.referenceId));
    minter.on('retrying', (e) => retries.push(e.attempt));

    const settled = onMatchEnd(minter, {
      id: 'm-2',
      winner: 'bo',
      wallet: '0x00000000000000000000000000000000000000b0',
    });
    await fake.advanceTime(60_000);

    expect(await settled).toMatchObject({ status: 'succeeded' });
    expect(retries).toEqual([1, 2]); // retried with backoff, on the fake's clock
    expect(failed).toEqual([]);
    await minter.close();
  });
});
