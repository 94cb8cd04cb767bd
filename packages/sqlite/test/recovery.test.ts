import { createMinter } from '@mintkit/core';
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS, type FakeImmutableApi } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';
import { sqliteJournal } from '../src/index.js';
import { OWNER } from './helpers/intents.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempPath = useTempDir();
const asset = (referenceId: string) => ({ referenceId, owner: OWNER });

/** A mint request sent behind the journal's back: accepted by the API before the crash. */
async function acceptedUpstream(fake: FakeImmutableApi, referenceId: string): Promise<void> {
  const url = `${fake.baseUrl}/v1/chains/${fake.chainName}/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`;
  const res = await fake.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey },
    body: JSON.stringify({ assets: [{ reference_id: referenceId, owner_address: OWNER }] }),
  });
  expect(res.status).toBe(202);
}

describe('restart with the SQLite journal (core recovery, in process)', () => {
  it('resubmits what was never accepted, tracks what was, and sends nothing twice', async () => {
    const path = tempPath();
    const fake = createFakeImmutableApi({ latencyMs: null });

    // The previous run's last moments, as the file remembers them:
    const before = sqliteJournal({ path });
    const all = ['queued', 'accepted', 'accepted-unknown', 'settled'].map((ref) => ({
      collection: FAKE_ERC721_ADDRESS,
      asset: asset(ref),
    }));
    await before.record(all);
    // 'accepted': the 202 came back and was journaled.
    await acceptedUpstream(fake, 'accepted');
    await before.markAccepted(FAKE_ERC721_ADDRESS, ['accepted']);
    // 'accepted-unknown': the 202 came back, the process died before journaling it.
    await acceptedUpstream(fake, 'accepted-unknown');
    // 'settled': done and dusted.
    await acceptedUpstream(fake, 'settled');
    await fake.settle({ referenceIds: ['settled'] });
    await before.markSettled(FAKE_ERC721_ADDRESS, 'settled', 'succeeded');
    await before.close();

    const journal = sqliteJournal({ path });
    const minter = createMinter({ apiKey: fake.apiKey, fetch: fake.fetch, clock: fake.clock, journal });
    await minter.drain();

    const sent = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/mint-requests'));
    // Three before the restart; after it, the two the journal had as queued (one 409s).
    expect(sent).toHaveLength(5);
    expect(
      sent
        .slice(3)
        .map((r) => r.status)
        .sort(),
    ).toEqual([202, 409]);
    expect(
      fake
        .mintRequests()
        .map((r) => r.referenceId)
        .sort(),
    ).toEqual(['accepted', 'accepted-unknown', 'queued', 'settled']);
    fake.assertNoDuplicateMints();
    expect((await journal.unfinished()).map((i) => [i.asset.referenceId, i.state])).toEqual([
      ['queued', 'accepted'],
      ['accepted', 'accepted'],
      ['accepted-unknown', 'accepted'],
    ]);
    await minter.close();
  });
});
