import { createFakeImmutableApi } from '@mintkit/testing';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCrashScenario } from './helpers/crash-scenario.js';
import { nftName } from './helpers/nft-name.js';
import { CRASH_ERC1155, ERC1155_TOKENS, itemMetadata, reward } from './helpers/rewards.js';
import { useTempDir } from './helpers/temp-dir.js';

const tempPath = useTempDir();
const COUNT = 500;
const KILLS = 10;
const SEED = 7;

let server: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('crash test: SIGKILL the game server at random moments', () => {
  it(`mints ${COUNT} mixed rewards exactly once through ${KILLS}+ kills and restarts`, async () => {
    // Real time on both sides: the child runs on the system clock, the fake settles on its own.
    const fake = createFakeImmutableApi({ clock: 'real', latencyMs: 50, tier: 'partner', seed: SEED });
    const listening = await fake.listen();
    server = listening;
    const path = tempPath();

    const runs = await runCrashScenario({
      path,
      baseUrl: listening.url,
      apiKey: fake.apiKey,
      count: COUNT,
      kills: KILLS,
      seed: SEED,
    });
    expect(runs.filter((r) => r.outcome === 'killed').length).toBeGreaterThanOrEqual(KILLS);
    expect(runs.at(-1)?.outcome).toBe('completed');
    // Recovery had work to do: some restarts found intents recorded but not yet accepted.
    expect(runs.some((r) => r.recoveredQueued > 0)).toBe(true);

    await fake.settle();
    const requests = fake.mintRequests();
    const expected = Array.from({ length: COUNT }, (_, i) => reward(i).asset.referenceId).sort();
    expect(requests.map((r) => r.referenceId).sort()).toEqual(expected);
    expect(requests.filter((r) => r.status !== 'succeeded')).toEqual([]);
    fake.assertNoDuplicateMints();

    for (let t = 1; t <= ERC1155_TOKENS; t++) {
      expect(await nftName(fake, CRASH_ERC1155, String(t))).toBe(itemMetadata(String(t)).name);
    }

    // The journal agrees: every reward recorded once, and settled as succeeded.
    const db = new Database(path, { readonly: true });
    const states = db.prepare('SELECT state, COUNT(*) AS n FROM mintkit_intents GROUP BY state').all();
    db.close();
    expect(states).toEqual([{ state: 'succeeded', n: COUNT }]);
  }, 60_000);
});
