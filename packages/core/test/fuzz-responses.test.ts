import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isMintkitError, type MintOutcome } from '../src/index.js';
import { type HostileResponse, hostileFetch, hostileResponse } from './helpers/reliability-fuzz.js';
import { ERC721, owner, setup } from './helpers/setup.js';

// Whatever the server (or a proxy in front of it) answers — bad JSON, missing fields, wrong
// types, HTML error pages, empty or endless bodies, odd content types — mintkit answers with
// typed errors, retries what is worth retrying, never rejects a promise nobody holds, and
// loses nothing: once the server behaves again, every mint resolves or is refused, and every
// accepted one settles.

let unhandled: ReturnType<typeof vi.fn<(reason: unknown) => void>>;
beforeEach(() => {
  unhandled = vi.fn<(reason: unknown) => void>();
  process.on('unhandledRejection', unhandled);
});
afterEach(() => {
  process.off('unhandledRejection', unhandled);
});

const TARGETS = {
  'POST mint': (method: string, path: string) => method === 'POST' && path.endsWith('/mint-requests'),
  'GET status': (method: string, path: string) => method === 'GET' && /\/mint-requests\/[^/]+$/.test(path),
  'GET list': (method: string, path: string) => method === 'GET' && path.endsWith('/mint-requests'),
} as const;

async function scenario(target: keyof typeof TARGETS, garbage: HostileResponse[]): Promise<void> {
  const base = setup({ fake: { tier: 'partner' } });
  await base.minter.close();
  const control = hostileFetch(base.fake, garbage, TARGETS[target]);
  const h = setup({
    fakeApi: base.fake,
    minter: {
      fetch: control.fetch,
      tier: 'partner',
      retry: { attempts: 3, baseMs: 10, maxMs: 100 },
      timeouts: { requestMs: 1_000 },
      rateLimit: { maxPauseMs: 1_000 },
      tracking: { polling: { minIntervalMs: 500, maxIntervalMs: 2_000, listThreshold: 2 } },
    },
  });
  const results: Array<
    { ok: true; settled: Promise<MintOutcome> } | { ok: false; error: unknown } | undefined
  > = [];
  const mints = Array.from({ length: 5 }, (_, i) =>
    h.minter.mint(ERC721, { referenceId: `fz-${i}`, owner: owner(i) }).then(
      (r) => {
        results[i] = { ok: true, settled: r.settled };
      },
      (error: unknown) => {
        results[i] = { ok: false, error };
      },
    ),
  );
  const reads = [h.minter.status(ERC721, 'fz-0'), h.minter.status(ERC721, 'nope')].map((p) =>
    p.then(
      () => undefined,
      (error: unknown) => error,
    ),
  );
  for (let i = 0; i < 10; i++) await h.tick(500);

  expect(control.hits()).toBeGreaterThan(0);
  // The server behaves again (and a 401/403 among the garbage is forgiven).
  control.heal();
  h.minter.resume();
  for (let i = 0; i < 100 && results.filter(Boolean).length < 5; i++) await h.tick(500);
  await Promise.all(mints);
  for (const error of await Promise.all(reads))
    if (error !== undefined) expect(isMintkitError(error), String(error)).toBe(true);
  for (const r of results) {
    expect(r).toBeDefined();
    if (r && !r.ok) expect(isMintkitError(r.error), String(r.error)).toBe(true);
  }
  await h.fake.settle();
  const accepted = results.filter((r): r is { ok: true; settled: Promise<MintOutcome> } => r?.ok === true);
  let settledCount = 0;
  for (const r of accepted) void r.settled.then(() => settledCount++);
  for (let i = 0; i < 200 && settledCount < accepted.length; i++) await h.tick(1_000);
  expect(settledCount).toBe(accepted.length);
  for (const r of accepted) expect((await r.settled).status).toBe('succeeded');
  h.fake.assertNoDuplicateMints();
  const closing = h.minter.close();
  for (let i = 0; i < 20; i++) await h.tick(1_000);
  await closing;
  expect(unhandled).not.toHaveBeenCalled();
}

describe.each(Object.keys(TARGETS) as Array<keyof typeof TARGETS>)(
  'fuzz: hostile answers to %s',
  (target) => {
    it('typed errors only, no unhandled rejection, nothing lost once the server behaves', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(hostileResponse, { minLength: 1, maxLength: 6 }), (garbage) =>
          scenario(target, garbage),
        ),
        { numRuns: 60, seed: 2026 },
      );
    });
  },
);
