/**
 * The game server of the crash test (crash.test.ts, bench/suites/journal-crash.ts): mints
 * rewards 0..N-1 through a minter with the SQLite journal and inventory store, and is
 * SIGKILLed by its parent at random moments, then started again on the same file.
 *
 * argv: <database path> <fake base url> <N> <wave size>
 * stdout protocol, one line each: `start <queued> <accepted>` (what recovery found),
 * `a` (a mint() call resolved: accepted), `done` (everything this run recovered or handed
 * over has settled: succeeded on chain, as the fake reports through polling).
 */
import { createMinter } from '@mintkit/core';
import { erc1155Inventory } from '@mintkit/erc1155-inventory';
import { sqliteInventoryStore, sqliteJournal } from '../../src/index.js';
import { CRASH_ERC721, CRASH_ERC1155, reward } from './rewards.js';

const [path = '', baseUrl = '', countArg = '0', waveArg = '25'] = process.argv.slice(2);
const count = Number(countArg);
const wave = Number(waveArg);
const fail = (message: string) => process.stderr.write(`${message}\n`);

// mintkit unrefs its timers (a library must not keep its host alive); a game server has its
// own listening socket for that. This child has none, so it holds the loop open itself.
const keepAlive = setInterval(() => {}, 60_000);

const journal = sqliteJournal({ path });
// What the game knows it has handed over already. A real game keeps this in its own
// tables; the test reads the journal's, which is the same fact: every reward mint() was
// called for and that was recorded (only recorded intents are ever sent).
const handedOver = new Set(
  (
    journal.database.prepare('SELECT reference_id AS r FROM mintkit_intents').all() as Array<{ r: string }>
  ).map((row) => row.r),
);
const unfinished = await journal.unfinished();

const minter = createMinter({
  apiKey: process.env.MINTKIT_FAKE_API_KEY ?? '',
  environment: { baseUrl, chainName: 'imtbl-zkevm-testnet' },
  tier: 'partner',
  collections: { [CRASH_ERC721]: 'ERC721', [CRASH_ERC1155]: 'ERC1155' },
  journal,
  plugins: [erc1155Inventory({ store: sqliteInventoryStore({ database: journal.database }) })],
  // No webhooks here: polling settles, quickly, so a run can wait for it.
  tracking: { polling: { minIntervalMs: 50, maxIntervalMs: 200 } },
});
minter.on('error', ({ error, context }) => fail(`error (${context}): ${String(error)}`));

// Everything this run answers for must settle before it says `done`: the unfinished intents
// it recovered (resubmitted, or tracked again) and the rewards it hands over now.
const key = (collection: string, referenceId: string) => `${collection.toLowerCase()} ${referenceId}`;
const unsettled = new Set(unfinished.map((i) => key(i.collection, i.asset.referenceId)));
let handingOver = true;
let allSettled = () => {};
const settled = new Promise<void>((resolve) => {
  allSettled = resolve;
});
const check = () => {
  if (!handingOver && unsettled.size === 0) allSettled();
};
minter.on('minted', ({ collection, referenceId }) => {
  unsettled.delete(key(collection, referenceId));
  check();
});
minter.on('failed', ({ collection, referenceId, error }) =>
  fail(`${collection} ${referenceId} failed: ${String(error)}`),
);

const write = (line: string) => process.stdout.write(`${line}\n`);
write(
  `start ${unfinished.filter((i) => i.state === 'queued').length} ${unfinished.filter((i) => i.state === 'accepted').length}`,
);

// Waves, as a game server hands out rewards over time rather than all in one tick: a kill
// then lands anywhere in a mint's life (recording, batching, in flight, accepted).
const todo = Array.from({ length: count }, (_, i) => reward(i)).filter(
  (r) => !handedOver.has(r.asset.referenceId),
);
for (let start = 0; start < todo.length; start += wave) {
  await Promise.all(
    todo.slice(start, start + wave).map((r) => {
      unsettled.add(key(r.collection, r.asset.referenceId));
      return minter.mint(r.collection, r.asset).then(
        () => write('a'),
        (error: unknown) => fail(`mint ${r.asset.referenceId} rejected: ${String(error)}`),
      );
    }),
  );
}
// Recovered intents are resubmitted in the background: drain waits until they are accepted.
await minter.drain();
handingOver = false;
check();
await settled;
write('done');
await minter.close();
clearInterval(keepAlive);
