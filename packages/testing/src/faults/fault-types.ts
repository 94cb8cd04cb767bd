import { z } from 'zod';

/**
 * What a faulted request gets instead of (or after) the model's answer.
 *
 * - `{ status }`: an HTTP error with Immutable's error envelope (or your `body`/`headers`).
 * - `{ reset: true }`: the connection dies. Over `listen()` the socket is destroyed; over
 *   `fake.fetch` the call rejects with `TypeError('fetch failed')` whose `cause.code` is
 *   `'ECONNRESET'`, the shape undici gives.
 * - `{ hangMs }`: no answer until the fake's clock has advanced `hangMs`; then the request
 *   reaches the model as usual. The request's `AbortSignal` cancels the wait (a client timeout).
 *
 * `after: true` (status and reset only) lets the model process the request first and then
 * throws the answer away: the mint WAS accepted but the client sees a 503 or a dead socket.
 * That is the case `reference_id` idempotency exists for. Without `after`, the model never
 * sees the request.
 */
export type Fault =
  | {
      status: number;
      body?: unknown;
      headers?: Record<string, string> | undefined;
      after?: boolean | undefined;
    }
  | { reset: true; after?: boolean | undefined }
  | { hangMs: number };

/** Which requests a scripted fault applies to. Omitted fields match everything. */
export interface FaultMatch {
  /** HTTP method, case-insensitive. @example 'POST' */
  method?: string | undefined;
  /** Tested against the path (no query string). @example /\/mint-requests$/ */
  path?: RegExp | undefined;
}

/** Seeded random faults: each API request independently rolls for one fault. */
export interface RandomFaultOptions {
  /** Seed of the fault PRNG; the same seed and request sequence give the same faults. @default the fake's `seed`, else 1 */
  seed?: number | undefined;
  /** Probability that a request answers 500/502/503/504 without reaching the model. @default 0 */
  status5xx?: number | undefined;
  /** Probability that the connection is reset before the model sees the request. @default 0 */
  reset?: number | undefined;
  /** Probability that the request hangs for `hangMs` before reaching the model. @default 0 */
  hang?: number | undefined;
  /** How long a hang lasts, in fake-clock milliseconds. @default 30000 */
  hangMs?: number | undefined;
  /**
   * Storms of 429s: with probability `rate` a request starts a storm in which it and the next
   * `length - 1` matching requests answer 429 `TOO_MANY_REQUESTS_ERROR` with `Retry-After`.
   * @example { rate: 0.01, length: 20, retryAfterSeconds: 2 }
   */
  rateLimitStorm?:
    | { rate: number; length?: number | undefined; retryAfterSeconds?: number | undefined }
    | undefined;
  /**
   * Fraction of the 5xx and reset faults that happen AFTER the model processed the request
   * (accepted, but the client never learns it). @default 0
   */
  afterProcessing?: number | undefined;
  /** Limit random faults to some requests. @default every API request */
  match?: FaultMatch | undefined;
}

const probability = z.number().min(0).max(1);

export const faultSchema = z.union([
  z.strictObject({
    status: z.number().int().min(100).max(599),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    after: z.boolean().optional(),
  }),
  z.strictObject({ reset: z.literal(true), after: z.boolean().optional() }),
  z.strictObject({ hangMs: z.number().min(0) }),
]);

export const faultMatchSchema = z.strictObject({
  method: z.string().optional(),
  path: z.instanceof(RegExp).optional(),
});

export const randomFaultOptionsSchema = z.strictObject({
  seed: z.number().int().optional(),
  status5xx: probability.optional(),
  reset: probability.optional(),
  hang: probability.optional(),
  hangMs: z.number().min(0).optional(),
  rateLimitStorm: z
    .strictObject({
      rate: probability,
      length: z.number().int().min(1).optional(),
      retryAfterSeconds: z.number().min(0).optional(),
    })
    .optional(),
  afterProcessing: probability.optional(),
  match: faultMatchSchema.optional(),
});
