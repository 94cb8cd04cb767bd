import { describe, expect, it } from 'vitest';
import { ApiError, type MintRequestStatus } from '../src/index.js';
import { listRound, newScanState, type StatusApi } from '../src/tracker/list-scan.js';
import type { Tracker } from '../src/tracker/tracker.js';

const COLLECTION = '0x721000000000000000000000000000000000fa4e';
const record = (i: number): MintRequestStatus => ({
  chain: { id: 'eip155:13473', name: 'imtbl-zkevm-testnet' },
  collection_address: COLLECTION,
  reference_id: `r-${i}`,
  owner_address: '0x0000000000000000000000000000000000000a11',
  token_id: String(i),
  transaction_hash: '0xabc',
  created_at: new Date(Date.UTC(2026, 0, 1) + i * 1_000).toISOString(),
  updated_at: new Date(Date.UTC(2026, 0, 1) + i * 1_000 + 500).toISOString(),
  error: null,
  status: 'succeeded',
});

/**
 * A settled history of `pages` pages (oldest first, as observed) whose last record is the one
 * mint we track, behind a list endpoint that answers 503 to every `failEvery`-th read.
 */
function rig(pages: number, failEvery: number) {
  const pageSize = 10;
  const history = Array.from({ length: pages * pageSize }, (_, i) => record(i));
  const target = history.at(-1) as MintRequestStatus;
  const outstanding = new Set([target.reference_id]);
  let reads = 0;
  const api: StatusApi = {
    get: async () => null,
    async list(_collection, q) {
      reads++;
      if (reads % failEvery === 0) {
        throw new ApiError('503 SERVICE_UNAVAILABLE: try later', {
          status: 503,
          code: 'SERVICE_UNAVAILABLE',
        });
      }
      if (q.status !== 'succeeded') return { result: [], page: { next_cursor: null } };
      const from = Number(q.pageCursor ?? 0);
      const next = from + pageSize < history.length ? String(from + pageSize) : null;
      return { result: history.slice(from, from + pageSize), page: { next_cursor: next } };
    },
  };
  const tracker = {
    isOutstanding: (_c: string, ref: string) => outstanding.has(ref),
    report: (u: { referenceId: string; status: string }) => {
      if (u.status !== 'pending') outstanding.delete(u.referenceId);
    },
  } as unknown as Tracker;
  const ctx = {
    tracker,
    api,
    acquire: async () => {},
    pageSize,
    maxPagesPerRound: 50,
    clockSkewMs: 60_000,
    candidateGetLimit: 0, // always scan: the case of many dropped webhooks
    counted: () => {},
  };
  const state = newScanState();
  const refs = new Map([[target.reference_id, 0]]);
  return { outstanding, round: () => listRound(ctx, COLLECTION, refs, state), state };
}

describe('polling fallback under flaky reads', () => {
  it('regression: a 5xx mid-scan keeps the place reached, so a long history is read to its end', async () => {
    // 40 pages, every 6th read fails: a scan from the start can never read 40 pages in a row.
    const r = rig(40, 6);
    let rounds = 0;
    for (; rounds < 30 && r.outstanding.size > 0; rounds++) await r.round().catch(() => 0);
    expect(r.outstanding.size).toBe(0);
    expect(rounds).toBeLessThanOrEqual(10);
  });

  it('a transient failure does not throw the saved place away', async () => {
    const r = rig(5, 3);
    await r.round().catch(() => 0); // reads 1 (pending), 2 (succeeded page 1), 3 fails
    expect(r.state.continueAt.get('succeeded')).toBe('10');
  });
});
