import type { Budget } from '../budget/budget.js';
import { parseLimits } from '../budget/parse-limits.js';
import {
  AbortError,
  ApiError,
  AuthError,
  ConflictError,
  NetworkError,
  RateLimitedError,
  TimeoutError,
  ValidationError,
} from '../errors/errors.js';
import { MintkitError } from '../errors/mintkit-error.js';
import type { HookRunner } from '../hooks/hooks.js';
import { type Clock, sleep } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { Random } from '../runtime/random.js';
import type { ContractType, Emit, SubmitOutcome } from '../types.js';
import type { MintAsset } from '../validate/schemas.js';
import type { HttpClient } from './http-client.js';
import { isTransientStatus } from './response-error.js';
import { blamedBy400, costOf, toWireAsset } from './wire.js';

/** One queued mint as the engine carries it. */
export interface Entry {
  collection: string;
  contractType: ContractType;
  asset: MintAsset;
  /** `sending` from the moment its batch waits for budget; an abort no longer applies then. */
  state: 'queued' | 'sending' | 'done';
}

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
  factor: number;
}

export interface SubmitterDeps {
  http: HttpClient;
  budget: Budget;
  hooks: HookRunner;
  emit: Emit;
  clock: Clock;
  random: Random;
  logger: Logger;
  retry: RetryOptions;
  maxPauseMs: number;
  mintUrl(collection: string): string;
  /** The API accepted these (202), or a 409 proved an earlier submission was. */
  accept(entries: Entry[], kind: 'accepted' | 'already-accepted'): void;
  /** Definitive refusal (retryable false) or retries exhausted (retryable true). */
  refuse(entry: Entry, error: MintkitError, retryable: boolean): void;
}

export interface Submitter {
  /** Submits one batch (one collection) until every entry is accepted or refused. Never rejects. */
  submit(entries: Entry[]): Promise<void>;
  /** Closes the auth circuit; returns false when it was not open. */
  resume(): boolean;
  paused(): 'auth' | 'rate-limit' | null;
  /** Stops waiting (pauses, backoff, budget); entries still waiting are refused with AbortError. */
  close(): void;
}

const MIN_PAUSE_MS = 250;

export function createSubmitter(d: SubmitterDeps): Submitter {
  const closing = new AbortController();
  let authOpen: { error: MintkitError; waiters: Array<() => void> } | null = null;
  let rateResumeAt = 0;
  let rateTimer: unknown;

  const waitForAuth = () =>
    new Promise<void>((resolve, reject) => {
      if (!authOpen) return resolve();
      if (closing.signal.aborted) return reject(new AbortError('the minter was closed'));
      authOpen.waiters.push(resolve);
    });

  const openCircuit = (error: MintkitError) => {
    if (authOpen) return;
    authOpen = { error, waiters: [] };
    d.emit('paused', { reason: 'auth', error });
    d.emit('error', { error, context: 'auth: submissions paused until minter.resume()' });
  };

  const rateLimited = (error: RateLimitedError) => {
    // Floored: a "retry after 0" answered again with 429 must not become a hot loop.
    const delay = Math.max(MIN_PAUSE_MS, Math.min(error.retryAfterMs, d.maxPauseMs));
    const until = d.clock.now() + delay;
    d.budget.pauseUntil(until);
    d.emit('rateLimited', {
      retryAfterMs: error.retryAfterMs,
      resetAt: error.resetAt,
      remaining: error.remaining,
      scope: 'mint',
    });
    if (until <= rateResumeAt) return;
    if (rateTimer === undefined) d.emit('paused', { reason: 'rate-limit', error });
    else d.clock.clearTimeout(rateTimer);
    rateResumeAt = until;
    rateTimer = d.clock.setTimeout(() => {
      rateTimer = undefined;
      d.emit('resumed', { reason: 'rate-limit' });
    }, delay);
  };

  const backoff = (failures: number) => {
    const { baseMs, factor, maxMs } = d.retry;
    const raw = Math.min(maxMs, baseMs * factor ** (failures - 1));
    // "Equal jitter": at least half the delay, so retries never stampede at 0 ms.
    return Math.round(raw / 2 + (raw / 2) * d.random());
  };

  async function submit(initial: Entry[]): Promise<void> {
    const collection = initial[0]?.collection ?? '';
    const contractType = initial[0]?.contractType ?? 'ERC721';
    let pending = initial;
    let attempt = 0;
    let failures = 0;
    let hookRetries = 0;
    const refuseAll = (error: MintkitError, retryable: boolean) => {
      for (const e of pending) d.refuse(e, error, retryable);
      pending = [];
    };

    while (pending.length > 0) {
      pending = pending.filter((e) => e.state !== 'done');
      if (pending.length === 0) return;
      for (const e of pending) e.state = 'sending';
      attempt++;
      let sent: MintAsset[] = pending.map((e) => e.asset);
      let lastError: MintkitError | undefined;
      let outcome: SubmitOutcome;
      try {
        await waitForAuth();
        outcome = await d.hooks.run(
          'submit',
          { collection, contractType, assets: sent, attempt },
          async (ctx): Promise<SubmitOutcome> => {
            sent = ctx.assets;
            const cost = costOf(sent);
            // The pause is enforced here too, not only by the budget: a custom Budget may ignore pauseUntil.
            const pause = rateResumeAt - d.clock.now();
            if (pause > 0) await sleep(d.clock, pause, closing.signal);
            await d.budget.acquire(cost, closing.signal);
            const result = await d.http.send('POST', d.mintUrl(collection), {
              assets: sent.map(toWireAsset),
            });
            d.budget.observe(parseLimits('mint', result.data, result.headers, d.clock.now()));
            if (result.status >= 200 && result.status < 300) {
              d.emit('submitted', { collection, referenceIds: sent.map((a) => a.referenceId), cost });
              return { accepted: sent };
            }
            // A refused request (400/401/403/409) is not counted by the server.
            if (result.status !== 429 && !isTransientStatus(result.status)) d.budget.refund(cost);
            lastError = d.http.toError(result);
            throw lastError;
          },
        );
      } catch (caught) {
        const error = caught instanceof MintkitError ? caught : wrapUnknown(caught);
        if (error instanceof AbortError && closing.signal.aborted) return refuseAll(error, true);
        if (error instanceof RateLimitedError) {
          rateLimited(error);
          continue;
        }
        if (error instanceof AuthError) {
          openCircuit(error);
          continue;
        }
        if (error instanceof ConflictError) {
          pending = handleConflict(error, pending, sent, new Map());
          continue;
        }
        if (error instanceof ApiError && error.status === 400) {
          const blamed = blamedBy400(error.details, sent);
          if (blamed.length > 0) {
            const bad = new Map(blamed.map((b) => [b.referenceId, b.field]));
            for (const e of pending) {
              const field = bad.get(e.asset.referenceId);
              if (field !== undefined)
                d.refuse(e, new ValidationError(field, error.message, { cause: error }), false);
            }
            pending = pending.filter((e) => !bad.has(e.asset.referenceId));
            continue;
          }
          if (pending.length === 1) return refuseAll(error, false);
          // The server did not say which asset it refused: bisect, each half on its own.
          const half = Math.ceil(pending.length / 2);
          const [left, right] = [pending.slice(0, half), pending.slice(half)];
          for (const e of pending) e.state = 'queued';
          await submit(left);
          await submit(right);
          return;
        }
        const transient =
          error instanceof NetworkError ||
          error instanceof TimeoutError ||
          (error instanceof ApiError && isTransientStatus(error.status));
        if (!transient) return refuseAll(error, false);
        failures++;
        if (failures >= d.retry.attempts) return refuseAll(error, true);
        const delayMs = backoff(failures);
        d.emit('retrying', {
          collection,
          referenceIds: pending.map((e) => e.asset.referenceId),
          attempt,
          delayMs,
          error,
        });
        try {
          await sleep(d.clock, delayMs, closing.signal);
        } catch {
          return refuseAll(new AbortError('the minter was closed'), true);
        }
        continue;
      }
      if ('retry' in outcome) {
        // Bounded, so a hook that always asks to retry cannot spin forever.
        if (++hookRetries > d.retry.attempts) {
          return refuseAll(
            lastError ?? new MintkitError('HOOK_RETRY_LIMIT', 'submit error hooks kept asking to retry'),
            false,
          );
        }
        // A hook recovered by asking to resubmit (for example without metadata).
        const retry = new Map(outcome.retry.map((a) => [a.referenceId, a]));
        if (lastError instanceof ConflictError) pending = handleConflict(lastError, pending, sent, retry);
        for (const e of pending) {
          const replacement = retry.get(e.asset.referenceId);
          if (replacement) e.asset = { ...replacement, referenceId: e.asset.referenceId };
        }
        continue;
      }
      const acceptedRefs = new Set(outcome.accepted.map((a) => a.referenceId));
      const accepted = pending.filter((e) => acceptedRefs.has(e.asset.referenceId));
      d.accept(accepted, 'accepted');
      pending = pending.filter((e) => !acceptedRefs.has(e.asset.referenceId));
      if (pending.length > 0)
        d.logger.warn('mintkit: a submit hook accepted only part of a batch; resubmitting the rest');
    }

    /** Splits a 409: offenders are settled (or replaced by a hook's `retry`), the rest goes again at once. */
    function handleConflict(
      error: ConflictError,
      list: Entry[],
      sentAssets: MintAsset[],
      retry: Map<string, MintAsset>,
    ): Entry[] {
      const offenders = new Set<string>();
      if (error.kind === 'reference_id') {
        for (const r of error.referenceIds) offenders.add(r);
      } else if (error.tokenIds.length > 0) {
        for (const ref of tokenConflictOffenders(error, sentAssets)) offenders.add(ref);
      }
      d.emit('conflict', {
        collection,
        kind: error.kind,
        referenceIds: list.filter((e) => offenders.has(e.asset.referenceId)).map((e) => e.asset.referenceId),
        tokenIds: [...error.tokenIds],
      });
      for (const ref of retry.keys()) offenders.delete(ref);
      const hit = list.filter((e) => offenders.has(e.asset.referenceId));
      if (hit.length === 0 && retry.size === 0) {
        // Nothing in details names an asset of ours: we cannot tell what to keep.
        for (const e of list) d.refuse(e, error, false);
        return [];
      }
      if (error.kind === 'reference_id') {
        d.accept(hit, 'already-accepted');
      } else {
        for (const e of hit) d.refuse(e, error, false);
      }
      return list.filter((e) => !offenders.has(e.asset.referenceId));
    }
  }

  return {
    submit: async (entries) => {
      try {
        await submit(entries);
      } catch (error) {
        // Defensive: a bug must never leave a mint() hanging or reject into the void.
        const e = wrapUnknown(error);
        for (const entry of entries) if (entry.state !== 'done') d.refuse(entry, e, true);
      }
    },
    resume() {
      if (!authOpen) return false;
      const { waiters } = authOpen;
      authOpen = null;
      d.emit('resumed', { reason: 'auth' });
      for (const w of waiters) w();
      return true;
    },
    paused: () => (authOpen ? 'auth' : d.clock.now() < rateResumeAt ? 'rate-limit' : null),
    close() {
      closing.abort(new AbortError('the minter was closed'));
      if (rateTimer !== undefined) d.clock.clearTimeout(rateTimer);
      rateTimer = undefined;
      if (authOpen) {
        const { waiters } = authOpen;
        authOpen = null;
        for (const w of waiters) w();
      }
    },
  };
}

/**
 * The assets a 409 `token_id` / `metadata` blames. When one token_id occurs several times in
 * the batch, the server may object only to the repeats: the first occurrence is kept for the
 * resubmission (if the token really is taken, the next answer blames it alone).
 */
export function tokenConflictOffenders(error: ConflictError, sent: readonly MintAsset[]): string[] {
  const ids = new Set(error.tokenIds);
  const byToken = new Map<string, MintAsset[]>();
  for (const a of sent) {
    if (a.tokenId === undefined || !ids.has(a.tokenId)) continue;
    if (error.kind === 'metadata' && a.metadata === undefined) continue;
    const list = byToken.get(a.tokenId) ?? [];
    list.push(a);
    byToken.set(a.tokenId, list);
  }
  const out: string[] = [];
  for (const list of byToken.values()) {
    for (const a of list.length > 1 ? list.slice(1) : list) out.push(a.referenceId);
  }
  return out;
}

function wrapUnknown(error: unknown): MintkitError {
  if (error instanceof MintkitError) return error;
  return new MintkitError('INTERNAL', error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}
