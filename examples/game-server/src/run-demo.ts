import { createProgressDisplay, type ProgressCounts } from '@mintkit/cli';
import { createMinter, type MintOutcome, sleep, systemClock, TIERS, type TierRate } from '@mintkit/core';
import { erc1155Inventory } from '@mintkit/erc1155-inventory';
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '@mintkit/testing';
import { createMeteredBudget } from './budget-meter.js';
import type { DemoOptions } from './demo-options.js';
import { collectionOf, playMatches, type Reward } from './game.js';
import { verifyLedger } from './verify-ledger.js';
import { startWebhookEndpoint } from './webhook-endpoint.js';

/** What `pnpm demo` prints at the end (and what the e2e test asserts). */
export interface DemoSummary {
  players: number;
  rewards: number;
  trophies: number;
  items: number;
  minted: number;
  failed: number;
  /** Rewards that never settled before the deadline. */
  unsettled: number;
  /** POSTs to mint-requests that reached the fake (faulted attempts included). */
  requestsSent: number;
  /** Requests the API accepted (202). */
  requestsAccepted: number;
  assetsPerRequest: number;
  /** ERC-1155 mints sent without metadata because the token already existed (each a 409 avoided). */
  conflictsAvoided: number;
  conflictsHealed: number;
  rateLimited: number;
  budgetWaits: number;
  budgetWaitMs: number;
  retries: number;
  /** How the settled mints were learned: verified webhook, polling fallback, or a lookup after a 409. */
  settledBy: { webhook: number; poll: number; lookup: number };
  wallMs: number;
  mintsPerSecond: number;
  /** Lost or double-minted rewards, wrong owners: empty when everything is right. */
  problems: string[];
}

const tierRate = (tier: DemoOptions['tier']): TierRate => (typeof tier === 'string' ? TIERS[tier] : tier);
const wait = (ms: number) => sleep(systemClock, ms);

/**
 * The demo: a game server hands out rewards as matches end, mintkit mints them against the
 * embedded fake API on loopback, and the run checks that every reward was minted exactly once.
 */
export async function runDemo(o: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const rewards = playMatches({ players: o.players, seed: o.seed });
  const fake = createFakeImmutableApi({ clock: 'real', latencyMs: o.latencyMs, tier: o.tier, seed: o.seed });
  const api = await fake.listen({ host: '127.0.0.1', port: 0 });
  const budget = createMeteredBudget(tierRate(o.tier), systemClock);
  const inventory = erc1155Inventory();
  const minter = createMinter({
    apiKey: fake.apiKey,
    environment: { baseUrl: api.url, chainName: fake.chainName },
    budget,
    plugins: [inventory],
    collections: { [FAKE_ERC721_ADDRESS]: 'ERC721', [FAKE_ERC1155_ADDRESS]: 'ERC1155' },
    batch: { lingerMs: 20 },
    retry: o.chaos ? { attempts: 12, baseMs: 100, maxMs: 2_000 } : undefined,
    timeouts: { requestMs: 10_000 },
    rateLimit: { maxPauseMs: 5_000 },
    // The demo compresses time: poll for dropped webhooks after seconds, not the default minute.
    tracking: { polling: { maxIntervalMs: 5_000, webhookHealthyIntervalMs: 5_000 } },
    webhooks: {
      ...fake.webhooks.verifierOptions(),
      // The fake's SubscribeURL is on its own (unreachable) public host: confirm in-process.
      fetch: fake.fetch,
      allowedSubscribeUrl: (url: string) => url.startsWith(`${fake.baseUrl}/_fake/webhooks/confirm?`),
    },
  });
  const endpoint = await startWebhookEndpoint(minter);
  // The game only needs mint status; the other events would just queue in front of it.
  fake.webhooks.subscribe(endpoint.url, { events: ['imtbl_zkevm_mint_request_updated'] });
  o.onFakeReady?.(fake);

  const progress = createProgressDisplay({ stream: o.stream, tty: o.tty, label: 'demo', intervalMs: 1000 });
  const say = (line: string) => progress.log(line);
  if (o.chaos) {
    fake.faults.random({
      seed: o.seed,
      status5xx: 0.08,
      reset: 0.04,
      afterProcessing: 0.5,
      rateLimitStorm: { rate: 0.03, length: 4, retryAfterSeconds: 1 },
      match: { method: 'POST', path: /\/mint-requests$/ },
    });
    fake.webhooks.knobs.duplicateRate = 0.2;
    fake.webhooks.knobs.dropRate = 0.1;
    say('chaos on: 5xx, connection resets, 429 storms, dropped and duplicated webhooks');
  }

  const counts: ProgressCounts = {
    total: rewards.length,
    queued: rewards.length,
    accepted: 0,
    minted: 0,
    failed: 0,
    rateLimitWaits: 0,
    retries: 0,
  };
  const stats = { requestsAccepted: 0, assetsAccepted: 0, rateLimited: 0 };
  let lastProgressAt = Date.now();
  const refresh = () => {
    lastProgressAt = Date.now();
    counts.rateLimitWaits = stats.rateLimited + budget.waits().count;
    progress.update(counts);
  };
  minter.on('submitted', (e) => {
    stats.requestsAccepted++;
    stats.assetsAccepted += e.referenceIds.length;
  });
  const settledBy = { webhook: 0, poll: 0, lookup: 0 };
  minter.on('statusChanged', (e) => {
    if (e.to !== 'pending') settledBy[e.source]++;
  });
  minter.on('rateLimited', (e) => {
    stats.rateLimited++;
    say(`429 rate limited: pausing ${(e.retryAfterMs / 1000).toFixed(1)} s, nothing dropped`);
    refresh();
  });
  minter.on('retrying', (e) => {
    counts.retries++;
    say(`retry #${e.attempt} of ${e.referenceIds.length} mint(s) in ${e.delayMs} ms after ${e.error.code}`);
    refresh();
  });
  minter.on('error', (e) => say(`mintkit reported an error (${e.context}): ${String(e.error)}`));

  say(
    `${o.players} players, ${rewards.length} rewards; fake API at ${api.url} (tier ${JSON.stringify(o.tier)})`,
  );
  const settled: Array<Promise<MintOutcome>> = [];
  const admissions: Array<Promise<void>> = [];
  const give = (reward: Reward) => {
    const collection = collectionOf(reward);
    admissions.push(
      minter.mint(collection, reward.asset).then(
        (receipt) => {
          counts.queued--;
          counts.accepted++;
          refresh();
          settled.push(
            receipt.settled.then((outcome) => {
              counts.accepted--;
              if (outcome.status === 'succeeded') counts.minted++;
              else counts.failed++;
              refresh();
              return outcome;
            }),
          );
        },
        (error: unknown) => {
          counts.queued--;
          counts.failed++;
          say(`reward ${reward.asset.referenceId} refused: ${String(error)}`);
          refresh();
        },
      ),
    );
  };
  // Matches end in rounds, as on a live server: each round's rewards are handed out together.
  const matchesPerRound = 25;
  const lastMatch = rewards.at(-1)?.matchId ?? 0;
  for (let first = 1; first <= lastMatch; first += matchesPerRound) {
    for (const r of rewards) if (r.matchId >= first && r.matchId < first + matchesPerRound) give(r);
    refresh();
    if (first + matchesPerRound <= lastMatch) await wait(o.roundMs);
  }
  // Give up only when nothing has moved for a while: a slow tier is fine, a stuck run is not.
  let stalled = false;
  const finished = Promise.all(admissions).then(() => Promise.all(settled));
  while (!(await Promise.race([finished.then(() => true), wait(200).then(() => false)]))) {
    if (Date.now() - lastProgressAt > o.idleTimeoutMs) {
      stalled = true;
      break;
    }
  }
  progress.stop();

  const unsettled = counts.accepted + counts.queued;
  // A stalled minter may never drain: do not wait for it (main() exits the process).
  if (stalled) void minter.close().catch(() => undefined);
  else await minter.close();
  await endpoint.close();
  await api.close();
  budget.close();

  const wallMs = Date.now() - started;
  const requestsSent = fake.requests.filter(
    (r) => r.method === 'POST' && r.path.endsWith('/mint-requests'),
  ).length;
  const problems = verifyLedger(fake, rewards);
  if (unsettled > 0 || stalled)
    problems.push(`${unsettled} reward(s) still unsettled after ${o.idleTimeoutMs} ms without progress`);
  const inv = inventory.stats();
  return {
    players: o.players,
    rewards: rewards.length,
    trophies: rewards.filter((r) => r.kind === 'trophy').length,
    items: rewards.filter((r) => r.kind === 'item').length,
    minted: counts.minted,
    failed: counts.failed,
    unsettled,
    requestsSent,
    requestsAccepted: stats.requestsAccepted,
    assetsPerRequest: stats.requestsAccepted === 0 ? 0 : stats.assetsAccepted / stats.requestsAccepted,
    conflictsAvoided: inv.metadataDropped,
    conflictsHealed: inv.conflictsHealed,
    rateLimited: stats.rateLimited,
    budgetWaits: budget.waits().count,
    budgetWaitMs: budget.waits().totalMs,
    retries: counts.retries,
    settledBy,
    wallMs,
    mintsPerSecond: counts.minted / Math.max(wallMs / 1000, 0.001),
    problems,
  };
}
