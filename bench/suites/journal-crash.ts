/**
 * The crash test at full size (packages/sqlite/test/crash.test.ts runs 500): a child game
 * server mints 10,000 mixed ERC-721 / ERC-1155 rewards through the SQLite journal against
 * the fake over loopback, and is SIGKILLed at 10+ seeded random moments, restarting each
 * time. Fails unless the fake ends with exactly 10,000 succeeded mint requests, none twice,
 * every ERC-1155 token carrying its metadata, and the journal holding every reward settled
 * as succeeded. Reports the tallies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@mintkit/sqlite';
import { createFakeImmutableApi } from '@mintkit/testing';
import { runCrashScenario } from '../../packages/sqlite/test/helpers/crash-scenario.js';
import { nftName } from '../../packages/sqlite/test/helpers/nft-name.js';
import {
  CRASH_ERC1155,
  ERC1155_TOKENS,
  itemMetadata,
  reward,
} from '../../packages/sqlite/test/helpers/rewards.js';
import type { BenchEntry } from '../types.js';

const COUNT = 10_000;
const KILLS = 10;
const SEED = 2026;

export const name = 'crash test at full size (SIGKILL + restart)';

export async function run(): Promise<BenchEntry[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mintkit-bench-crash-'));
  const fake = createFakeImmutableApi({
    clock: 'real',
    latencyMs: 50,
    tier: 'partner',
    seed: SEED,
    recordRequests: false,
  });
  const server = await fake.listen();
  try {
    const started = performance.now();
    const path = join(dir, 'crash.sqlite');
    const runs = await runCrashScenario({
      path,
      baseUrl: server.url,
      apiKey: fake.apiKey,
      count: COUNT,
      kills: KILLS,
      seed: SEED,
      wave: 100,
      runTimeoutMs: 120_000,
    });
    const seconds = (performance.now() - started) / 1000;
    await fake.settle();

    const requests = fake.mintRequests();
    const expected = new Set(Array.from({ length: COUNT }, (_, i) => reward(i).asset.referenceId));
    const seen = new Set(requests.map((r) => r.referenceId));
    const missing = [...expected].filter((ref) => !seen.has(ref)).length;
    const notSucceeded = requests.filter((r) => r.status !== 'succeeded').length;
    fake.assertNoDuplicateMints();
    let withMetadata = 0;
    for (let t = 1; t <= ERC1155_TOKENS; t++) {
      if ((await nftName(fake, CRASH_ERC1155, String(t))) === itemMetadata(String(t)).name) withMetadata++;
    }
    const db = openDatabase(path);
    const journaled = db
      .prepare(`SELECT COUNT(*) AS n FROM mintkit_intents WHERE state = 'succeeded'`)
      .get() as { n: number };
    db.close();
    if (
      requests.length !== COUNT ||
      missing > 0 ||
      notSucceeded > 0 ||
      withMetadata !== ERC1155_TOKENS ||
      journaled.n !== COUNT
    ) {
      throw new Error(
        `crash test failed: ${requests.length} requests, ${missing} missing, ${notSucceeded} not succeeded, ${withMetadata}/${ERC1155_TOKENS} tokens with metadata, ${journaled.n} settled in the journal`,
      );
    }
    const kills = runs.filter((r) => r.outcome === 'killed');
    return [
      {
        name: `mint requests at the fake (expected ${COUNT}, all succeeded, none twice)`,
        value: requests.length,
        unit: 'requests',
      },
      { name: `SIGKILLs delivered (${runs.length} runs)`, value: kills.length, unit: 'kills' },
      {
        name: 'restarts that found unaccepted intents to resubmit',
        value: runs.filter((r) => r.recoveredQueued > 0).length,
        unit: 'runs',
      },
      {
        name: 'intents resubmitted on restart, in all',
        value: runs.reduce((n, r) => n + r.recoveredQueued, 0),
        unit: 'intents',
      },
      {
        name: 'accepted-unsettled intents tracked again, summed over restarts',
        value: runs.reduce((n, r) => n + r.recoveredAccepted, 0),
        unit: 'intents',
      },
      { name: `journal rows settled as succeeded (expected ${COUNT})`, value: journaled.n, unit: 'rows' },
      { name: `ERC-1155 tokens with metadata (of ${ERC1155_TOKENS})`, value: withMetadata, unit: 'tokens' },
      { name: 'wall time, all runs', value: Math.round(seconds * 10) / 10, unit: 's' },
    ];
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
