import { z } from 'zod';
import { createTokenBucket } from '../budget/token-bucket.js';
import { isMintkitError } from '../errors/mintkit-error.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import {
  type CollectionScanState,
  getEach,
  listRound,
  newScanState,
  type ScanContext,
  type StatusApi,
} from './list-scan.js';
import type { Tracker } from './tracker.js';

/** Tuning of the polling fallback; every field is optional. */
export interface PollerSettings {
  /**
   * First delay after a new acceptance, and the interval while mints keep settling.
   * @default 2000
   */
  minIntervalMs?: number | undefined;
  /**
   * The interval backs off (× `backoffFactor`) while nothing changes, up to this.
   * @default 30000
   * @example 60_000
   */
  maxIntervalMs?: number | undefined;
  /** @default 2 */
  backoffFactor?: number | undefined;
  /**
   * While webhooks are delivering, polling is only a safety net: the interval is at least this.
   * @default 60000
   */
  webhookHealthyIntervalMs?: number | undefined;
  /**
   * Webhooks count as healthy if one arrived within this window (default health signal).
   * @default 120000
   */
  webhookHealthyWindowMs?: number | undefined;
  /**
   * More outstanding mints than this in one collection: use the list endpoint, else one GET each.
   * @default 3
   */
  listThreshold?: number | undefined;
  /**
   * Settled candidates the list scan would have to find in an unpositioned history: up to
   * this many are fetched with one GET each instead.
   * @default 10
   */
  candidateGetLimit?: number | undefined;
  /** @default 200 (the API's maximum) */
  pageSize?: number | undefined;
  /** @default 50 */
  maxPagesPerRound?: number | undefined;
  /**
   * Read requests per second (REFERENCE.md §7.3 saw 5 req/s; authenticated limits unverified).
   * @default 5
   */
  readsPerSecond?: number | undefined;
  /** @default 5 */
  readBurst?: number | undefined;
  /**
   * How far the API's clock may be from ours, used to guess the creation time of a mint the
   * poller never saw pending.
   * @default 60000
   */
  clockSkewMs?: number | undefined;
}

export interface PollerOptions extends PollerSettings {
  tracker: Tracker;
  api: StatusApi;
  clock: Clock;
  logger: Logger;
  /** True while webhooks deliver; lengthens the interval. @default a webhook report within `webhookHealthyWindowMs` */
  webhooksHealthy?: (() => boolean) | undefined;
}

export interface PollerStats {
  rounds: number;
  gets: number;
  lists: number;
  rateLimited: number;
  errors: number;
}

export interface Poller {
  /** Follows outstanding mints from now on (idempotent). Schedules nothing while none are outstanding. */
  start(): void;
  /** Cancels the timer; a round in flight finishes but schedules nothing. */
  stop(): void;
  /** Polls soon (at once if idle) and resets the backoff. */
  poke(): void;
  stats(): PollerStats;
}

const settingsSchema = z.object({
  minIntervalMs: z.number().int().min(0).default(2000),
  maxIntervalMs: z.number().int().min(0).default(30_000),
  backoffFactor: z.number().min(1).default(2),
  webhookHealthyIntervalMs: z.number().int().min(0).default(60_000),
  webhookHealthyWindowMs: z.number().int().min(0).default(120_000),
  listThreshold: z.number().int().min(0).default(3),
  candidateGetLimit: z.number().int().min(0).default(10),
  pageSize: z.number().int().min(1).max(200).default(200),
  maxPagesPerRound: z.number().int().min(1).default(50),
  readsPerSecond: z.number().positive().default(5),
  readBurst: z.number().int().min(1).default(5),
  clockSkewMs: z.number().int().min(0).default(60_000),
});

/** Thrown into a round in flight when the poller is stopped, so it ends without more requests. */
const STOPPED = Symbol('stopped');

const isRateLimited = (error: unknown): error is { retryAfterMs?: number } =>
  (isMintkitError(error) && error.name === 'RateLimitedError') ||
  (typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 429);

/** The polling fallback: follows accepted-but-unsettled mints when webhooks are off or silent. */
export function createPoller(options: PollerOptions): Poller {
  const { tracker, api, clock, logger } = options;
  // z.object strips the keys it does not know (tracker, api, clock…).
  const s = settingsSchema.parse(options);
  const healthy =
    options.webhooksHealthy ??
    (() => {
      const at = tracker.lastReportAt('webhook');
      return at !== null && clock.now() - at <= s.webhookHealthyWindowMs;
    });
  // The token bucket is the budget module's; here it guards the read quota, not the mint quota.
  const limiter = createTokenBucket({ ratePerMinute: s.readsPerSecond * 60, burst: s.readBurst }, clock);
  const stats: PollerStats = { rounds: 0, gets: 0, lists: 0, rateLimited: 0, errors: 0 };
  const scanStates = new Map<string, CollectionScanState>();
  const ctx: ScanContext = {
    tracker,
    api,
    acquire: async () => {
      if (!started) throw STOPPED;
      await limiter.acquire(1);
    },
    pageSize: s.pageSize,
    maxPagesPerRound: s.maxPagesPerRound,
    clockSkewMs: s.clockSkewMs,
    candidateGetLimit: s.candidateGetLimit,
    counted: (kind) => {
      if (kind === 'get') stats.gets++;
      else stats.lists++;
    },
  };

  let started = false;
  let timer: unknown;
  let dueAt = Number.POSITIVE_INFINITY;
  let interval = s.minIntervalMs;
  let inFlight = false;
  /** Set when new work arrives during a round: the next round comes at the short interval. */
  let fresh = false;
  let pokedDuringRound = false;
  let pausedUntil = 0;
  let unsubscribe: (() => void) | undefined;

  const schedule = (delay: number) => {
    if (!started || inFlight) return;
    const at = clock.now() + delay;
    if (timer !== undefined) {
      if (dueAt <= at) return;
      clock.clearTimeout(timer);
    }
    dueAt = at;
    timer = clock.setTimeout(fire, Math.max(0, delay));
  };

  const cancel = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    dueAt = Number.POSITIVE_INFINITY;
  };

  const fire = () => {
    timer = undefined;
    dueAt = Number.POSITIVE_INFINITY;
    inFlight = true;
    fresh = false;
    pokedDuringRound = false;
    round().then(after, (error: unknown) => {
      if (error === STOPPED) return after(0);
      stats.errors++;
      logger.warn('mintkit: status poll failed', { error: String(error) });
      after(0);
    });
  };

  const after = (progress: number) => {
    inFlight = false;
    if (!started) return;
    if (tracker.outstandingCount() === 0) {
      // Nothing to follow: no timer at all until the next track() or poke().
      // Scan states (a few cursors per collection) are kept: dropping them would cost a
      // history scan on the next burst.
      interval = s.minIntervalMs;
      return;
    }
    interval =
      progress > 0 || fresh
        ? s.minIntervalMs
        : Math.min(s.maxIntervalMs, Math.max(1, interval) * s.backoffFactor);
    let delay = pokedDuringRound ? 0 : interval;
    if (!pokedDuringRound && healthy()) delay = Math.max(delay, s.webhookHealthyIntervalMs);
    delay = Math.max(delay, pausedUntil - clock.now());
    schedule(delay);
  };

  const round = async (): Promise<number> => {
    stats.rounds++;
    const groups = new Map<string, { name: string; refs: Map<string, number> }>();
    for (const o of tracker.outstanding()) {
      const lower = o.collection.toLowerCase();
      let group = groups.get(lower);
      if (!group) {
        group = { name: o.collection, refs: new Map() };
        groups.set(lower, group);
      }
      group.refs.set(o.referenceId, o.since);
    }
    let progress = 0;
    try {
      for (const [lower, group] of groups) {
        if (!started) break;
        try {
          if (group.refs.size > s.listThreshold) {
            let state = scanStates.get(lower);
            if (!state) {
              state = newScanState();
              scanStates.set(lower, state);
            }
            progress += await listRound(ctx, group.name, group.refs, state);
          } else {
            progress += await getEach(ctx, group.name, group.refs.keys());
          }
        } catch (error) {
          // One collection failing (a 403, a 5xx) must not starve the others; 429s stop the round.
          if (isRateLimited(error) || error === STOPPED) throw error;
          stats.errors++;
          logger.warn('mintkit: status poll failed', { collection: group.name, error: String(error) });
        }
      }
    } catch (error) {
      if (!isRateLimited(error)) throw error;
      // A 429 on reads: stop this round, pause reads until the server's retry time.
      stats.rateLimited++;
      const wait = Math.max(error.retryAfterMs ?? 0, interval, 1000);
      pausedUntil = clock.now() + wait;
      limiter.pauseUntil(pausedUntil);
      interval = Math.min(s.maxIntervalMs, Math.max(interval, wait));
      logger.warn('mintkit: status polling was rate limited', { retryAfterMs: wait });
      return 0;
    }
    return progress;
  };

  const onTracked = () => {
    if (inFlight) {
      fresh = true;
      return;
    }
    interval = s.minIntervalMs;
    schedule(healthy() ? s.webhookHealthyIntervalMs : s.minIntervalMs);
  };

  return {
    start() {
      if (started) return;
      started = true;
      unsubscribe = tracker.onTracked(onTracked);
      if (tracker.outstandingCount() > 0) schedule(s.minIntervalMs);
    },
    stop() {
      started = false;
      cancel();
      unsubscribe?.();
      unsubscribe = undefined;
    },
    poke() {
      interval = s.minIntervalMs;
      if (inFlight) pokedDuringRound = true;
      else schedule(Math.max(0, pausedUntil - clock.now()));
    },
    stats: () => ({ ...stats }),
  };
}
