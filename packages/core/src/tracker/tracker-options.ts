import { z } from 'zod';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { Emit, MintOutcome, RunHooks, StatusSource, StatusUpdate } from '../types.js';
import type { MintAsset } from '../validate/schemas.js';

/** Tuning of the tracker; every field is optional. */
export interface TrackerSettings {
  /**
   * Resubmit a mint that failed on chain (same reference_id, which the API allows after a
   * failure) up to `attempts` times before emitting `failed`. Needs the engine's `resubmit`.
   * @default false
   * @example { attempts: 2 }
   */
  retryFailed?: { attempts: number } | false | undefined;
  /**
   * Keep each pending mint's asset (for `retryFailed` and the `outcome` hook's `ctx.asset`).
   * @default true when `retryFailed` is on, else false (smaller per-mint memory)
   */
  keepAssets?: boolean | undefined;
  /**
   * Fire the `outcome` hook with `status: 'accepted'` on `track()`. Turn off when the caller
   * fires it itself at acceptance (createMinter does), so it still fires once per state.
   * @default true
   */
  acceptedOutcome?: boolean | undefined;
  /**
   * How many reports about unknown reference_ids to hold (webhooks that beat the 202).
   * @default 1000
   */
  bufferLimit?: number | undefined;
  /**
   * How long such a report is held before it is dropped.
   * @default 60000
   */
  bufferTtlMs?: number | undefined;
  /**
   * How many settled reference_ids to remember, so late duplicates are ignored quietly and a
   * repeated `track()` of a succeeded mint returns its outcome.
   * @default 1000
   */
  recentLimit?: number | undefined;
}

export interface TrackerOptions extends TrackerSettings {
  clock: Clock;
  emit: Emit;
  runHooks?: RunHooks | undefined;
  /** Whether any `outcome` hook is registered; when false the tracker skips scheduling one per mint. */
  hasOutcomeHooks?: (() => boolean) | undefined;
  logger: Logger;
  /** Resolves once the API accepted the asset again (202 or 409 "already pending"). */
  resubmit?: ((collection: string, asset: MintAsset) => Promise<unknown>) | undefined;
}

export interface TrackEntry {
  collection: string;
  referenceId: string;
  asset: MintAsset;
  /** When the API accepted it (clock ms). `0` = unknown (reconciled from a journal). @default clock.now() */
  since?: number | undefined;
}

/** One state machine per (collection, reference_id), fed by webhooks, polls and lookups. */
export interface Tracker {
  /** Registers an accepted mint; returns its settled promise (never rejects). Idempotent. */
  track(entry: TrackEntry): Promise<MintOutcome>;
  /** Idempotent: duplicates and stale reports are ignored; a terminal state never reverts. */
  report(update: StatusUpdate, source: StatusSource): void;
  outstanding(): Array<{ collection: string; referenceId: string; since: number }>;
  outstandingCount(): number;
  isOutstanding(collection: string, referenceId: string): boolean;
  settled(collection: string, referenceId: string): Promise<MintOutcome> | undefined;
  /** Called after each new `track()` and each accepted resubmission (the poller listens). */
  onTracked(listener: () => void): () => void;
  /** Clock time of the last report from `source`, or null. Lets the poller judge webhook health. */
  lastReportAt(source: StatusSource): number | null;
  close(): void;
}

export const trackerSettingsSchema = z.object({
  retryFailed: z
    .union([z.literal(false), z.object({ attempts: z.number().int().min(0).max(100) })])
    .default(false),
  keepAssets: z.boolean().optional(),
  acceptedOutcome: z.boolean().default(true),
  bufferLimit: z.number().int().min(0).default(1000),
  bufferTtlMs: z.number().int().min(0).default(60_000),
  recentLimit: z.number().int().min(0).default(1000),
});
