import { PassThrough } from 'node:stream';
import { FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';
import { type DemoOptions, parseDemoArgs } from '../src/demo-options.js';
import { formatSummary } from '../src/format-summary.js';
import { playMatches } from '../src/game.js';
import { runDemo } from '../src/run-demo.js';

const quiet = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => {
    text += c.toString();
  });
  return { stream, text: () => text };
};

const small = (overrides: Partial<DemoOptions> = {}): DemoOptions => ({
  ...(parseDemoArgs(['--players', '40'], {}) as DemoOptions),
  latencyMs: 50,
  roundMs: 10,
  tty: false,
  ...overrides,
});

describe('pnpm demo', () => {
  it('mints every reward exactly once and reports batching and the 409s the inventory avoided', async () => {
    const out = quiet();
    const summary = await runDemo(small({ stream: out.stream }));
    expect(summary.problems).toEqual([]);
    expect(summary.rewards).toBe(summary.trophies + summary.items);
    expect(summary.trophies).toBe(10);
    expect(summary.minted).toBe(summary.rewards);
    expect(summary.failed).toBe(0);
    // 62 rewards in two collections and few rounds: far fewer requests than rewards.
    expect(summary.requestsAccepted).toBeLessThanOrEqual(4);
    expect(summary.assetsPerRequest).toBeGreaterThan(10);
    // 5 item token_ids shared by everyone: all but the first mint of each go without metadata.
    expect(summary.conflictsAvoided).toBeGreaterThanOrEqual(summary.items - 5);
    expect(summary.settledBy.webhook + summary.settledBy.poll + summary.settledBy.lookup).toBe(
      summary.rewards,
    );
    expect(out.text()).toMatch(/demo: 62\/62 settled/);
    expect(formatSummary(summary)).toMatch(/OK: every reward minted exactly once/);
  });

  it('survives chaos (5xx, resets, 429 storms, dropped and duplicated webhooks) without losing or doubling a reward', async () => {
    const out = quiet();
    const summary = await runDemo(small({ chaos: true, stream: out.stream }));
    expect(summary.problems).toEqual([]);
    expect(summary.minted).toBe(summary.rewards);
    expect(out.text()).toMatch(/chaos on/);
    // Seed 7 opens with a 429 storm: the run paused instead of failing.
    expect(summary.rateLimited).toBeGreaterThan(0);
    expect(summary.requestsSent).toBeGreaterThan(summary.requestsAccepted);
  });

  it('fails the run when a reward is lost (a mint fails on chain)', async () => {
    const out = quiet();
    const victim = playMatches({ players: 40, seed: 7 })[0]?.asset.referenceId as string;
    const summary = await runDemo(
      small({
        stream: out.stream,
        onFakeReady: (fake) =>
          fake.failReferenceId(FAKE_ERC721_ADDRESS, victim, 'Exceeded maximum submissions'),
      }),
    );
    expect(summary.failed).toBe(1);
    expect(summary.problems).toEqual(['1 reward(s) not minted (lost or failed)']);
    expect(formatSummary(summary)).toMatch(/FAILED/);
  });

  it('fails the run instead of hanging when minting stalls', async () => {
    const out = quiet();
    // One distinct token per minute, burst 5: 62 rewards cannot get through before the idle limit.
    const summary = await runDemo(
      small({ tier: { ratePerMinute: 1, burst: 5 }, idleTimeoutMs: 300, stream: out.stream }),
    );
    expect(summary.problems.join('\n')).toMatch(/unsettled/);
  });
});

describe('demo options and game', () => {
  it('takes the player count from MINTKIT_DEMO_PLAYERS, the flag winning over it', () => {
    expect(parseDemoArgs([], { MINTKIT_DEMO_PLAYERS: '40' })?.players).toBe(40);
    expect(parseDemoArgs(['--', '--players', '12'], { MINTKIT_DEMO_PLAYERS: '40' })?.players).toBe(12);
    expect(parseDemoArgs(['--tier', '120/40'], {})?.tier).toEqual({ ratePerMinute: 120, burst: 40 });
    expect(parseDemoArgs(['--help'], {})).toBeNull();
    expect(() => parseDemoArgs(['--players', 'lots'], {})).toThrow(/--players/);
    expect(() => parseDemoArgs(['--bogus'], {})).toThrow();
  });

  it('hands out the same rewards for the same seed, with distinct reference ids', () => {
    const a = playMatches({ players: 40, seed: 3 });
    expect(playMatches({ players: 40, seed: 3 })).toEqual(a);
    expect(new Set(a.map((r) => r.asset.referenceId)).size).toBe(a.length);
    expect(new Set(a.filter((r) => r.kind === 'item').map((r) => r.asset.tokenId)).size).toBeLessThanOrEqual(
      5,
    );
  });
});
