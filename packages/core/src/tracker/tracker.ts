import { MintFailedError } from '../errors/errors.js';
import type { MintkitError } from '../errors/mintkit-error.js';
import type { MintOutcome, StatusSource, StatusUpdate } from '../types.js';
import type { MintAsset } from '../validate/schemas.js';
import { createReportBuffer } from './report-buffer.js';
import { type Tracker, type TrackerOptions, trackerSettingsSchema } from './tracker-options.js';

export type { TrackEntry, Tracker, TrackerOptions, TrackerSettings } from './tracker-options.js';

const PENDING = 0;
/** Failed on chain and being resubmitted: further `failed` reports are about the old attempt. */
const RETRYING = 1;
/** Resubmitted and accepted again, but no report has shown it pending yet (statusChanged says `from: 'failed'`). */
const RESUBMITTED = 2;

/*
 * Kept small on purpose (one of these per pending mint): no per-mint closures apart from
 * the promise's own resolve function, and the asset only when it is needed.
 */
interface Entry {
  state: number;
  attempts: number;
  since: number;
  /** `updated_at` (ms) of the failure being retried; failures not newer than it are stale. */
  failedAt: number;
  asset: MintAsset | undefined;
  promise: Promise<MintOutcome>;
  resolve: (outcome: MintOutcome) => void;
}

interface Collection {
  name: string;
  refs: Map<string, Entry>;
}

const keyOf = (lowerCollection: string, referenceId: string) => `${lowerCollection}\n${referenceId}`;
const parseTime = (value: string | undefined) => (value === undefined ? Number.NaN : Date.parse(value));

export function createTracker(options: TrackerOptions): Tracker {
  const settings = trackerSettingsSchema.parse({
    retryFailed: options.retryFailed,
    keepAssets: options.keepAssets,
    acceptedOutcome: options.acceptedOutcome,
    bufferLimit: options.bufferLimit,
    bufferTtlMs: options.bufferTtlMs,
    recentLimit: options.recentLimit,
  });
  const { clock, emit, runHooks, resubmit, hasOutcomeHooks } = options;
  const retryAttempts = settings.retryFailed === false || !resubmit ? 0 : settings.retryFailed.attempts;
  const keepAssets = settings.keepAssets ?? retryAttempts > 0;
  // Collections are keyed lower-case: webhooks carry lower-case addresses, callers may not.
  const collections = new Map<string, Collection>();
  const buffer = createReportBuffer(settings.bufferLimit, settings.bufferTtlMs);
  const recent = new Map<string, { failed: boolean; promise: Promise<MintOutcome> }>();
  const listeners = new Set<() => void>();
  const lastAt: Record<StatusSource, number | null> = { webhook: null, poll: null, lookup: null };
  let count = 0;
  let closed = false;

  const notify = () => {
    for (const listener of listeners) listener();
  };

  const outcomeHook = (
    col: Collection,
    referenceId: string,
    e: Entry,
    status: 'accepted' | 'succeeded' | 'failed',
    extra: { tokenId?: string | undefined; error?: MintkitError | undefined } = {},
  ) => {
    if (!runHooks || hasOutcomeHooks?.() === false) return;
    const ctx = { collection: col.name, referenceId, asset: e.asset, status, ...extra };
    // The event has already fired: a slow or throwing plugin cannot delay or suppress it.
    Promise.resolve()
      .then(() => runHooks('outcome', ctx, () => undefined))
      .catch((error: unknown) => emit('error', { error, context: `outcome hook (${status})` }));
  };

  const remember = (key: string, failed: boolean, promise: Promise<MintOutcome>) => {
    if (settings.recentLimit === 0) return;
    recent.delete(key);
    recent.set(key, { failed, promise });
    if (recent.size > settings.recentLimit) {
      const oldest = recent.keys().next().value;
      if (oldest !== undefined) recent.delete(oldest);
    }
  };

  const finish = (col: Collection, referenceId: string, e: Entry, outcome: MintOutcome) => {
    col.refs.delete(referenceId);
    count--;
    remember(keyOf(col.name.toLowerCase(), referenceId), outcome.status === 'failed', e.promise);
    if (outcome.status === 'succeeded') {
      const { status: _status, ...minted } = outcome;
      emit('minted', minted);
      e.resolve(outcome);
      outcomeHook(col, referenceId, e, 'succeeded', { tokenId: outcome.tokenId });
    } else {
      emit('failed', { referenceId, collection: col.name, error: outcome.error, retryable: true });
      e.resolve(outcome);
      outcomeHook(col, referenceId, e, 'failed', { error: outcome.error });
    }
  };

  const fail = (col: Collection, referenceId: string, e: Entry, error: MintkitError) =>
    finish(col, referenceId, e, { status: 'failed', referenceId, collection: col.name, error });

  const retry = (col: Collection, referenceId: string, e: Entry, error: MintkitError, at: number) => {
    e.state = RETRYING;
    e.failedAt = at;
    e.attempts++;
    emit('retrying', {
      collection: col.name,
      referenceIds: [referenceId],
      attempt: e.attempts,
      delayMs: 0,
      error,
    });
    const asset = e.asset as MintAsset;
    Promise.resolve()
      .then(() => (resubmit as NonNullable<typeof resubmit>)(col.name, asset))
      .then(
        () => {
          if (col.refs.get(referenceId) !== e || e.state !== RETRYING) return;
          e.state = RESUBMITTED;
          notify();
        },
        (cause: unknown) => {
          // The resubmission itself was refused: the mint stays failed, with the chain's reason.
          if (col.refs.get(referenceId) !== e) return;
          fail(col, referenceId, e, new MintFailedError((error as MintFailedError).reason, { cause }));
        },
      );
  };

  const apply = (col: Collection, e: Entry, u: StatusUpdate, source: StatusSource) => {
    const at = parseTime(u.updatedAt);
    if (u.status === 'pending') {
      // A `pending` newer than the failure we are retrying shows the resubmission landed.
      if (e.state !== PENDING && at > e.failedAt) {
        e.state = PENDING;
        emit('statusChanged', {
          collection: col.name,
          referenceId: u.referenceId,
          from: 'failed',
          to: 'pending',
          source,
        });
      }
      return;
    }
    if (u.status === 'succeeded') {
      emit('statusChanged', {
        collection: col.name,
        referenceId: u.referenceId,
        from: e.state === PENDING ? 'pending' : 'failed',
        to: 'succeeded',
        source,
      });
      finish(col, u.referenceId, e, {
        status: 'succeeded',
        referenceId: u.referenceId,
        collection: col.name,
        tokenId: u.tokenId ?? e.asset?.tokenId ?? '',
        owner: u.owner ?? e.asset?.owner ?? '',
        amount: u.amount ?? e.asset?.amount ?? null,
        transactionHash: u.transactionHash ?? '',
        activityId: u.activityId ?? null,
      });
      return;
    }
    // `failed`: while retrying, every failure report is about the attempt already retried;
    // afterwards only a failure newer than that one counts (duplicates and reorders carry
    // the old updated_at). Without updated_at a failure after the resubmission counts.
    if (e.state === RETRYING || at <= e.failedAt) return;
    if (e.state === PENDING) {
      emit('statusChanged', {
        collection: col.name,
        referenceId: u.referenceId,
        from: 'pending',
        to: 'failed',
        source,
      });
    }
    const error = new MintFailedError(u.errorMessage ?? 'the API gave no reason');
    if (e.attempts < retryAttempts && e.asset) retry(col, u.referenceId, e, error, at);
    else fail(col, u.referenceId, e, error);
  };

  return {
    track({ collection, referenceId, asset, since }) {
      const lower = collection.toLowerCase();
      let col = collections.get(lower);
      if (!col) {
        col = { name: collection, refs: new Map() };
        collections.set(lower, col);
      }
      const existing = col.refs.get(referenceId);
      if (existing) {
        // Tracked again: the engine got a 202/409 for a resubmission of a failed mint.
        if (existing.state === RETRYING) {
          existing.state = RESUBMITTED;
          notify();
        }
        return existing.promise;
      }
      const seen = recent.size > 0 ? recent.get(keyOf(lower, referenceId)) : undefined;
      if (seen && !seen.failed) return seen.promise;
      let resolve!: (outcome: MintOutcome) => void;
      const promise = new Promise<MintOutcome>((r) => {
        resolve = r;
      });
      const e: Entry = {
        state: PENDING,
        attempts: 0,
        since: since ?? clock.now(),
        failedAt: Number.NaN,
        asset: keepAssets ? asset : undefined,
        promise,
        resolve,
      };
      col.refs.set(referenceId, e);
      count++;
      if (settings.acceptedOutcome) outcomeHook(col, referenceId, { ...e, asset }, 'accepted');
      const held = buffer.size > 0 ? buffer.take(keyOf(lower, referenceId), clock.now()) : undefined;
      // A held update may settle the mint at once; only then can the entry be gone already.
      if (held) apply(col, e, held.update, held.source);
      if (!held || col.refs.get(referenceId) === e) notify();
      return promise;
    },

    report(update, source) {
      lastAt[source] = clock.now();
      if (closed) return;
      const lower = update.collection.toLowerCase();
      const col = collections.get(lower);
      const e = col?.refs.get(update.referenceId);
      if (col && e) return apply(col, e, update, source);
      const key = keyOf(lower, update.referenceId);
      if (recent.has(key)) return; // a late duplicate about a settled mint
      buffer.put(key, update, source, clock.now());
    },

    outstanding() {
      const out: Array<{ collection: string; referenceId: string; since: number }> = [];
      for (const col of collections.values()) {
        for (const [referenceId, e] of col.refs)
          out.push({ collection: col.name, referenceId, since: e.since });
      }
      return out;
    },
    outstandingCount: () => count,
    isOutstanding: (collection, referenceId) =>
      collections.get(collection.toLowerCase())?.refs.has(referenceId) ?? false,
    settled(collection, referenceId) {
      const lower = collection.toLowerCase();
      return (
        collections.get(lower)?.refs.get(referenceId)?.promise ??
        recent.get(keyOf(lower, referenceId))?.promise
      );
    },
    onTracked(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    lastReportAt: (source) => lastAt[source],
    close() {
      closed = true;
      buffer.clear();
      listeners.clear();
    },
  };
}
