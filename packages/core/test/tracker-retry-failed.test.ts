import { describe, expect, it, vi } from 'vitest';
import { ApiError, type MintFailedError } from '../src/errors/errors.js';
import type { MintAsset } from '../src/validate/schemas.js';
import { asset, COLLECTION, trackerHarness, update } from './helpers/tracker-harness.js';

const flush = () => new Promise<void>((r) => setImmediate(r));

describe('retryFailed', () => {
  it('resubmits the same reference_id a bounded number of times, then fails once', async () => {
    const resubmit = vi.fn(async (_c: string, _a: MintAsset) => {});
    const { tracker, of } = trackerHarness({ retryFailed: { attempts: 2 }, resubmit });
    const settled = tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1', '5') });

    tracker.report(update.failed('r1', 2_000, 'nonce too low'), 'webhook');
    expect(of('retrying')).toEqual([
      expect.objectContaining({ collection: COLLECTION, referenceIds: ['r1'], attempt: 1 }),
    ]);
    expect(of('failed')).toHaveLength(0);
    // Duplicates of the failure being retried (before and after the resubmission) do not count.
    tracker.report(update.failed('r1', 2_000, 'nonce too low'), 'poll');
    await flush();
    expect(resubmit).toHaveBeenCalledTimes(1);
    expect(resubmit.mock.calls[0]).toEqual([COLLECTION, asset('r1', '5')]);
    tracker.report(update.failed('r1', 2_000, 'nonce too low'), 'webhook');
    expect(of('retrying')).toHaveLength(1);
    expect(tracker.isOutstanding(COLLECTION, 'r1')).toBe(true);

    tracker.report(update.pending('r1', 3_000), 'webhook');
    tracker.report(update.failed('r1', 4_000, 'nonce too low'), 'webhook');
    await flush();
    expect(of('retrying').map((r) => r.attempt)).toEqual([1, 2]);
    tracker.report(update.failed('r1', 6_000, 'still reverted'), 'poll');
    expect(of('failed')).toHaveLength(1);
    tracker.report(update.failed('r1', 7_000, 'again'), 'poll');
    expect(of('failed')).toHaveLength(1);
    const outcome = await settled;
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && (outcome.error as MintFailedError).reason).toBe('still reverted');
    expect(resubmit).toHaveBeenCalledTimes(2);
  });

  it('settles as succeeded when a resubmission mints', async () => {
    const resubmit = vi.fn(async () => {});
    const { tracker, of } = trackerHarness({ retryFailed: { attempts: 1 }, resubmit });
    const settled = tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    tracker.report(update.failed('r1', 2_000), 'poll');
    await flush();
    tracker.report(update.succeeded('r1', 3_000), 'webhook');
    await expect(settled).resolves.toMatchObject({ status: 'succeeded' });
    expect(of('failed')).toHaveLength(0);
    expect(of('minted')).toHaveLength(1);
    expect(of('statusChanged').map((c) => `${c.from}>${c.to}`)).toEqual([
      'pending>failed',
      'failed>succeeded',
    ]);
  });

  it('fails with the chain reason when the resubmission is refused', async () => {
    const refusal = new ApiError('bad request', { status: 400, code: 'VALIDATION_ERROR' });
    const { tracker, of } = trackerHarness({
      retryFailed: { attempts: 3 },
      resubmit: async () => {
        throw refusal;
      },
    });
    const settled = tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    tracker.report(update.failed('r1', 2_000, 'reverted'), 'poll');
    const outcome = await settled;
    expect(of('failed')).toHaveLength(1);
    expect(outcome.status === 'failed' && outcome.error).toMatchObject({
      reason: 'reverted',
      cause: refusal,
    });
  });

  it('does not retry without the engine callback, nor keep assets it does not need', async () => {
    const { tracker, hooks, of } = trackerHarness({ retryFailed: { attempts: 2 } });
    const assets: unknown[] = [];
    hooks.after('outcome', (_r, ctx) => {
      assets.push(ctx.asset);
    });
    void tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    tracker.report(update.failed('r1'), 'poll');
    expect(of('retrying')).toHaveLength(0);
    expect(of('failed')).toHaveLength(1);
    await vi.waitFor(() => expect(assets).toHaveLength(2));
    expect(assets).toEqual([asset('r1'), undefined]);
  });

  it('treats a second track() as the accepted resubmission', async () => {
    let release!: () => void;
    const resubmit = vi.fn(() => new Promise<void>((r) => (release = r)));
    const { tracker, of } = trackerHarness({ retryFailed: { attempts: 1 }, resubmit });
    const first = tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    tracker.report(update.failed('r1', 2_000), 'poll');
    await flush();
    expect(tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') })).toBe(first);
    tracker.report(update.failed('r1', 5_000, 'final'), 'poll');
    expect(of('failed')).toHaveLength(1);
    release();
    await expect(first).resolves.toMatchObject({ status: 'failed' });
  });

  it('rejects invalid options', () => {
    expect(() => trackerHarness({ retryFailed: { attempts: -1 } })).toThrow();
  });
});
