/*
 * One polling round for a collection with many outstanding mints, using the list endpoint
 * instead of one GET per reference_id. The API has no filter by reference_id or time and
 * its ordering is unverified (REFERENCE.md §2.3, §5), so nothing here depends on the order
 * for correctness; it only uses an order it has observed to skip work:
 *
 * 1. List `status=pending` (small: only mints in flight). Our outstanding refs seen there
 *    are still pending, and their `created_at` (server time) is remembered. Refs not seen
 *    are candidates: they have settled (or the listing was incomplete).
 * 2. For candidates only, list `status=succeeded`, then `status=failed`, stopping as soon as
 *    every candidate is found.
 *    - Newest-first order: the candidates are on the first pages; the early stop does it.
 *    - Oldest-first (by creation) order, as observed: a cursor is saved after the last page
 *      whose newest `created_at` is older than every candidate's creation; later rounds
 *      resume there instead of re-reading the whole history. A candidate whose creation time
 *      is unknown (never seen pending, or reconciled from a journal) widens the window by
 *      the clock-skew margin or forces a scan from the start.
 *    - Any other order: scans from the start, bounded by `maxPagesPerRound`.
 *    - No saved place yet and only a few candidates: one GET each instead of a history scan.
 * 3. Candidates still unresolved after a scan that started from a saved cursor make the
 *    next round scan from the start (a safety net should the order assumption be wrong).
 */
import { ApiError, NetworkError, TimeoutError } from '../errors/errors.js';
import { isTransientStatus } from '../submitter/response-error.js';
import type { MintRequestStatus } from '../types.js';
import { statusUpdateFromRecord } from './status-update.js';
import type { Tracker } from './tracker.js';

export type ListStatus = 'pending' | 'succeeded' | 'failed';

/** The reads the poller needs; the engine implements it over its HTTP client. */
export interface StatusApi {
  /** `GET …/mint-requests/{reference_id}`: the record, or null (404 or an empty list). */
  get(collection: string, referenceId: string): Promise<MintRequestStatus | null>;
  /** `GET …/mint-requests?status=&page_cursor=&page_size=`. */
  list(
    collection: string,
    query: { status: ListStatus; pageCursor?: string | undefined; pageSize: number },
  ): Promise<{ result: MintRequestStatus[]; page: { next_cursor: string | null } }>;
}

/** What the poller remembers per collection between rounds. */
export interface CollectionScanState {
  /** null: not yet known; true: every listing seen so far was oldest-first by creation. */
  ascending: boolean | null;
  resume: Map<ListStatus, { cursor: string; maxCreated: number }>;
  /** Where a scan cut short by `maxPagesPerRound` goes on next round (it wraps to the start after the end). */
  continueAt: Map<ListStatus, string>;
  /** Server creation time of outstanding refs seen pending (pruned every round). */
  created: Map<string, number>;
  /**
   * Smallest (server created_at − our acceptance time) seen in the latest round that saw any:
   * clock skew minus request latency, measured instead of assumed. null until measured.
   */
  offset: number | null;
}

export interface ScanContext {
  tracker: Tracker;
  api: StatusApi;
  acquire: () => Promise<void>;
  pageSize: number;
  maxPagesPerRound: number;
  clockSkewMs: number;
  candidateGetLimit: number;
  /** Called once per request, for stats. */
  counted: (kind: 'get' | 'list') => void;
}

export const newScanState = (): CollectionScanState => ({
  ascending: null,
  resume: new Map(),
  continueAt: new Map(),
  created: new Map(),
  offset: null,
});

/** Runs one list-based round; returns how many outstanding refs reached a terminal state. */
export async function listRound(
  ctx: ScanContext,
  collection: string,
  refs: Map<string, number>,
  state: CollectionScanState,
): Promise<number> {
  const { tracker } = ctx;
  let settled = 0;
  const seenPending = new Set<string>();
  let offset = Number.POSITIVE_INFINITY;
  const pendingDone = await scan(
    ctx,
    collection,
    'pending',
    state,
    null,
    Number.NEGATIVE_INFINITY,
    (r, created) => {
      const since = refs.get(r.reference_id);
      if (since === undefined) return;
      seenPending.add(r.reference_id);
      if (Number.isFinite(created)) {
        state.created.set(r.reference_id, created);
        if (since > 0) offset = Math.min(offset, created - since);
      }
      tracker.report(statusUpdateFromRecord(collection, r), 'poll');
    },
  );
  if (Number.isFinite(offset)) state.offset = offset;
  const candidates = new Set<string>();
  for (const ref of refs.keys()) {
    if (!seenPending.has(ref) && tracker.isOutstanding(collection, ref)) candidates.add(ref);
  }
  // A truncated pending listing proves nothing about the refs it did not reach.
  if (!pendingDone.complete && candidates.size === 0) return 0;

  let floor = Number.POSITIVE_INFINITY;
  for (const ref of candidates) {
    const since = refs.get(ref) ?? 0;
    const known = state.created.get(ref);
    floor = Math.min(floor, known ?? estimateCreated(ctx, state, since));
  }

  // Without a saved place in an oldest-first (or not yet known) listing, reaching the newest
  // records means reading the whole settled history: a handful of GETs is cheaper.
  const saved = state.resume.get('succeeded');
  const placed =
    state.continueAt.has('succeeded') || (state.ascending === true && saved && saved.maxCreated < floor);
  if (!placed && state.ascending !== false && candidates.size <= ctx.candidateGetLimit) {
    settled += await getEach(ctx, collection, candidates);
    candidates.clear();
  }

  for (const status of ['succeeded', 'failed'] as const) {
    if (candidates.size === 0) break;
    const saved = state.resume.get(status);
    const continued = state.continueAt.get(status);
    const start = continued
      ? { cursor: continued, maxCreated: Number.NEGATIVE_INFINITY, continued: true }
      : state.ascending === true && saved && saved.maxCreated < floor
        ? saved
        : null;
    const result = await scan(
      ctx,
      collection,
      status,
      state,
      start,
      floor,
      (r) => {
        if (!tracker.isOutstanding(collection, r.reference_id)) return;
        tracker.report(statusUpdateFromRecord(collection, r), 'poll');
        candidates.delete(r.reference_id);
        // Still outstanding after a `failed` report means retryFailed is resubmitting it.
        if (!tracker.isOutstanding(collection, r.reference_id) || r.status === 'failed') settled++;
      },
      () => candidates.size === 0,
    );
    if (result.next) state.continueAt.set(status, result.next);
    else state.continueAt.delete(status);
    if (result.complete && start && !continued && candidates.size > 0 && status === 'failed') {
      // Scanned to the end from saved cursors and still missing some: distrust the cursors.
      state.resume.clear();
    }
  }
  for (const ref of state.created.keys()) {
    if (!tracker.isOutstanding(collection, ref)) state.created.delete(ref);
  }
  return settled;
}

/** One GET per ref still outstanding; returns how many were no longer pending. */
export async function getEach(ctx: ScanContext, collection: string, refs: Iterable<string>): Promise<number> {
  let settled = 0;
  for (const ref of refs) {
    if (!ctx.tracker.isOutstanding(collection, ref)) continue;
    await ctx.acquire();
    ctx.counted('get');
    const record = await ctx.api.get(collection, ref);
    if (!record) continue;
    ctx.tracker.report(statusUpdateFromRecord(collection, record), 'poll');
    if (record.status !== 'pending') settled++;
  }
  return settled;
}

/**
 * When the API created a record we never saw pending: our acceptance time shifted by the
 * measured offset (less a margin for latency jitter), or by the configured skew until one is
 * measured. Unknown acceptance time (reconciled from a journal): the beginning of time.
 */
function estimateCreated(ctx: ScanContext, state: CollectionScanState, since: number): number {
  if (since <= 0) return Number.NEGATIVE_INFINITY;
  return state.offset === null ? since - ctx.clockSkewMs : since + state.offset - OFFSET_MARGIN_MS;
}

const OFFSET_MARGIN_MS = 1_000;

/**
 * Pages through one status listing. Tracks whether the order is oldest-first by creation
 * and, for terminal listings, saves a resume cursor past pages older than `floor`.
 */
async function scan(
  ctx: ScanContext,
  collection: string,
  status: ListStatus,
  state: CollectionScanState,
  start: { cursor: string; maxCreated: number; continued?: boolean } | null,
  floor: number,
  onRecord: (record: MintRequestStatus, created: number) => void,
  done: () => boolean = () => false,
): Promise<{ complete: boolean; next?: string | undefined }> {
  let cursor: string | undefined = start?.cursor;
  let previous = start?.maxCreated ?? Number.NEGATIVE_INFINITY;
  let ordered = true;
  let seen = 0;
  // A continued scan has not re-checked the pages before it against today's floor.
  const mayResume = !start?.continued;
  let resume: { cursor: string; maxCreated: number } | null = start?.continued ? null : start;
  for (let pages = 0; pages < ctx.maxPagesPerRound; pages++) {
    await ctx.acquire();
    ctx.counted('list');
    let page: Awaited<ReturnType<StatusApi['list']>>;
    try {
      page = await ctx.api.list(collection, { status, pageCursor: cursor, pageSize: ctx.pageSize });
    } catch (error) {
      if (isTransientRead(error)) {
        // A 5xx, 429, timeout or reset says nothing about the cursor: keep the saved place and
        // the pages read so far, so the next round goes on from here. Starting over instead
        // meant a long history was never read to its end while reads failed now and then.
        finishScan(state, status, ordered, seen, resume);
        if (status !== 'pending' && cursor !== undefined) state.continueAt.set(status, cursor);
      } else if (start) {
        // A saved cursor the API no longer accepts must not wedge every later round.
        state.resume.delete(status);
        state.continueAt.delete(status);
      }
      throw error;
    }
    let pageMax = Number.NEGATIVE_INFINITY;
    for (const record of page.result) {
      const created = Date.parse(record.created_at);
      if (created < previous) ordered = false;
      if (Number.isFinite(created)) {
        previous = created;
        pageMax = Math.max(pageMax, created);
      }
      seen++;
      onRecord(record, created);
    }
    const next = page.page.next_cursor;
    if (mayResume && ordered && status !== 'pending' && next && pageMax < floor && page.result.length > 0) {
      resume = { cursor: next, maxCreated: pageMax };
    }
    if (!next || done()) {
      finishScan(state, status, ordered, seen, resume);
      return { complete: !next };
    }
    cursor = next;
  }
  finishScan(state, status, ordered, seen, resume);
  return { complete: false, next: cursor };
}

const isTransientRead = (error: unknown): boolean =>
  error instanceof NetworkError ||
  error instanceof TimeoutError ||
  (error instanceof ApiError && (error.status === 429 || isTransientStatus(error.status)));

function finishScan(
  state: CollectionScanState,
  status: ListStatus,
  ordered: boolean,
  seen: number,
  resume: { cursor: string; maxCreated: number } | null,
): void {
  if (!ordered) {
    state.ascending = false;
    state.resume.clear();
    return;
  }
  if (state.ascending === null && seen >= 2) state.ascending = true;
  if (state.ascending === true && resume && status !== 'pending') state.resume.set(status, resume);
}
