import type { ObservedLimits } from './budget.js';

type HeaderSource = Headers | Record<string, string | undefined>;

const get = (headers: HeaderSource, name: string): string | undefined =>
  headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name];

/** `"1999"` → 1999; anything unparsable → null. */
export function parseCount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const n = Number.parseInt(value.trim(), 10);
  return Number.isFinite(n) ? n : null;
}

/**
 * Seconds in any format seen in the wild: `"59.98-seconds"`, `"2-seconds"`, `"2s"`, `"2"`,
 * `2.5`. Returns milliseconds (rounded up), or null.
 */
export function parseSeconds(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.ceil(value * 1000) : null;
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:-?\s*(?:seconds?|secs?|s))?\s*$/i.exec(value);
  if (!match?.[1]) return null;
  return Math.ceil(Number(match[1]) * 1000);
}

/**
 * A reset time as epoch ms: `"2024-02-13 07:20:00 UTC"` (the documented format), RFC 3339,
 * or a bare number (epoch seconds if large, else seconds from `now`).
 */
export function parseResetAt(value: unknown, now: number): number | null {
  if (typeof value === 'number')
    return value > 1e9 ? (value > 1e12 ? value : value * 1000) : now + value * 1000;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return parseResetAt(Number(text), now);
  const utc = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*UTC$/i.exec(text);
  const ms = Date.parse(utc ? `${utc[1]}T${utc[2]}Z` : text);
  return Number.isFinite(ms) ? ms : null;
}

const MINT_KEYS = {
  limit: ['imx_mint_requests_limit', 'imx-mint-requests-limit'],
  remaining: ['imx_remaining_mint_requests', 'imx-remaining-mint-requests'],
  reset: ['imx_mint_requests_limit_reset', 'imx-mint-requests-limit-reset'],
  retryAfter: ['imx_mint_requests_retry_after', 'imx-mint-requests-retry-after'],
} as const;

const REFRESH_KEYS = {
  limit: ['imx_refreshes_limit', 'imx-refreshes-limit'],
  remaining: ['imx_remaining_refreshes', 'imx-remaining-refreshes'],
  reset: ['imx_refresh_limit_reset', 'imx-refresh-limit-reset'],
  retryAfter: ['retry_after', 'retry-after'],
} as const;

/**
 * Reads the rate-limit values of a response, body fields first, then headers; `Retry-After`
 * is the fallback for the retry time. Lenient: a value that does not parse is left out.
 */
export function parseLimits(
  scope: 'mint' | 'refresh',
  body: unknown,
  headers: HeaderSource,
  now: number,
): ObservedLimits {
  const keys = scope === 'mint' ? MINT_KEYS : REFRESH_KEYS;
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const pick = (pair: readonly [string, string]): unknown => record[pair[0]] ?? get(headers, pair[1]);
  const out: ObservedLimits = {};
  const limit = parseCount(pick(keys.limit));
  if (limit !== null) out.limit = limit;
  const remaining = parseCount(pick(keys.remaining));
  if (remaining !== null) out.remaining = remaining;
  const resetAt = parseResetAt(pick(keys.reset), now);
  if (resetAt !== null) out.resetAt = resetAt;
  const retryAfter = parseSeconds(pick(keys.retryAfter)) ?? parseSeconds(get(headers, 'retry-after'));
  if (retryAfter !== null) out.retryAfterMs = retryAfter;
  return out;
}
