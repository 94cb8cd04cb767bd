import { afterEach, describe, expect, it, vi } from 'vitest';
import { MintFailedError } from '../src/errors/errors.js';
import { asset, COLLECTION, trackerHarness, update } from './helpers/tracker-harness.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('tracker state machine', () => {
  it('settles once when the same terminal state arrives from every source', async () => {
    const { tracker, of } = trackerHarness();
    const settled = tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    tracker.report(update.pending('r1'), 'webhook');
    tracker.report(update.succeeded('r1'), 'webhook');
    tracker.report(update.succeeded('r1'), 'poll');
    tracker.report(update.succeeded('r1'), 'webhook');
    tracker.report(update.succeeded('r1'), 'lookup');
    expect(of('minted')).toHaveLength(1);
    expect(of('minted')[0]).toMatchObject({ referenceId: 'r1', collection: COLLECTION, tokenId: '72' });
    await expect(settled).resolves.toMatchObject({ status: 'succeeded', referenceId: 'r1', tokenId: '72' });
    expect(of('statusChanged')).toEqual([
      { collection: COLLECTION, referenceId: 'r1', from: 'pending', to: 'succeeded', source: 'webhook' },
    ]);
    expect(tracker.outstandingCount()).toBe(0);
    expect(tracker.isOutstanding(COLLECTION, 'r1')).toBe(false);
    await expect(tracker.settled(COLLECTION, 'r1')).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('never moves a terminal state back, whatever arrives late', async () => {
    const { tracker, of } = trackerHarness();
    const settled = tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    tracker.report(update.failed('r1', 3_000, 'out of gas'), 'poll');
    tracker.report(update.pending('r1', 1_000), 'webhook'); // reordered, older
    tracker.report(update.succeeded('r1', 2_000), 'webhook'); // contradicting, older
    tracker.report(update.failed('r1', 3_000, 'out of gas'), 'webhook'); // duplicate
    expect(of('failed')).toHaveLength(1);
    expect(of('minted')).toHaveLength(0);
    const outcome = await settled;
    expect(outcome.status).toBe('failed');
    const error = outcome.status === 'failed' ? outcome.error : undefined;
    expect(error).toBeInstanceOf(MintFailedError);
    expect((error as MintFailedError).reason).toBe('out of gas');
    expect(of('failed')[0]).toMatchObject({ referenceId: 'r1', retryable: true });
  });

  it('ignores pending reports while pending and keeps each mint separate', () => {
    const { tracker, of } = trackerHarness();
    void tracker.track({ collection: COLLECTION, referenceId: 'a', asset: asset('a') });
    void tracker.track({ collection: COLLECTION, referenceId: 'b', asset: asset('b') });
    tracker.report(update.pending('a'), 'webhook');
    tracker.report(update.pending('a'), 'poll');
    tracker.report(update.succeeded('b'), 'poll');
    expect(of('statusChanged')).toHaveLength(1);
    expect(tracker.outstanding()).toEqual([
      { collection: COLLECTION, referenceId: 'a', since: expect.any(Number) },
    ]);
  });

  it('matches collections case-insensitively and reports them as the caller spelled them', () => {
    const { tracker, of } = trackerHarness();
    void tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    tracker.report(update.succeeded('r1', 2_000, COLLECTION.toLowerCase()), 'webhook');
    expect(of('minted')).toEqual([expect.objectContaining({ collection: COLLECTION })]);
  });

  it('returns the same promise when tracked twice', () => {
    const { tracker } = trackerHarness();
    const a = tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    const b = tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    expect(b).toBe(a);
    expect(tracker.outstandingCount()).toBe(1);
  });

  it('fires the outcome hook once per state, after the event, and survives a throwing hook', async () => {
    const { tracker, hooks, of } = trackerHarness();
    const seen: string[] = [];
    hooks.after('outcome', (_result, ctx) => {
      seen.push(`${ctx.referenceId}:${ctx.status}`);
      if (ctx.referenceId === 'boom' && ctx.status === 'succeeded') throw new Error('plugin bug');
    });
    void tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    void tracker.track({ collection: COLLECTION, referenceId: 'boom', asset: asset('boom') });
    tracker.report(update.succeeded('r1'), 'webhook');
    tracker.report(update.succeeded('r1'), 'poll');
    tracker.report(update.succeeded('boom'), 'poll');
    await vi.waitFor(() => expect(seen).toHaveLength(4));
    expect(seen.sort()).toEqual(['boom:accepted', 'boom:succeeded', 'r1:accepted', 'r1:succeeded']);
    expect(of('minted')).toHaveLength(2);
    await vi.waitFor(() => expect(of('error')).toHaveLength(1));
    expect(of('error')[0]?.context).toBe('outcome hook (succeeded)');
  });
});

describe('reports that arrive before track()', () => {
  it('applies a webhook that raced ahead of the 202', async () => {
    const { tracker, of } = trackerHarness();
    tracker.report(update.pending('r1'), 'webhook');
    tracker.report(update.succeeded('r1'), 'webhook');
    tracker.report(update.pending('r1'), 'webhook'); // older and less advanced: kept out
    expect(of('minted')).toHaveLength(0);
    const settled = tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    expect(of('minted')).toHaveLength(1);
    await expect(settled).resolves.toMatchObject({ status: 'succeeded' });
    expect(of('statusChanged')[0]?.source).toBe('webhook');
  });

  it('holds a bounded number of them, for a bounded time', () => {
    vi.useFakeTimers();
    const { tracker, of } = trackerHarness({ bufferLimit: 2, bufferTtlMs: 1_000 });
    tracker.report(update.succeeded('old'), 'webhook');
    tracker.report(update.succeeded('x'), 'webhook');
    tracker.report(update.succeeded('y'), 'webhook'); // evicts 'old'
    void tracker.track({ collection: COLLECTION, referenceId: 'old', asset: asset('old') });
    expect(of('minted')).toHaveLength(0);
    vi.advanceTimersByTime(1_001);
    void tracker.track({ collection: COLLECTION, referenceId: 'x', asset: asset('x') });
    expect(of('minted')).toHaveLength(0); // expired
    expect(tracker.outstandingCount()).toBe(2);
  });

  it('drops late reports about mints it already settled instead of buffering them', () => {
    const { tracker, of } = trackerHarness();
    void tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    tracker.report(update.succeeded('r1'), 'webhook');
    tracker.report(update.succeeded('r1'), 'webhook');
    void tracker.track({ collection: COLLECTION, referenceId: 'r1', asset: asset('r1') });
    expect(of('minted')).toHaveLength(1);
    expect(tracker.outstandingCount()).toBe(0);
  });
});
