import { parseLimits } from '../budget/parse-limits.js';
import { ApiError, AuthError, ConflictError, type ConflictKind, RateLimitedError } from '../errors/errors.js';

/** The API's error envelope: `{ message, link, trace_id, code, details }`. */
interface Envelope {
  message?: unknown;
  code?: unknown;
  trace_id?: unknown;
  link?: unknown;
  details?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Maps an error response to mintkit's typed errors (ky's never reach the caller). */
export function errorFromResponse(
  status: number,
  data: unknown,
  headers: Headers,
  now: number,
  scope: 'mint' | 'refresh' | 'read' = 'mint',
): ApiError {
  const env: Envelope = data && typeof data === 'object' ? (data as Envelope) : {};
  const code = str(env.code) ?? `HTTP_${status}`;
  const traceId = str(env.trace_id) ?? headers.get('x-trace-id') ?? undefined;
  const message = `${status} ${code}: ${str(env.message) ?? 'no message'}`;
  const info = { status, code, traceId, details: env.details ?? null, link: str(env.link) };
  if (status === 401 || status === 403) return new AuthError(message, info);
  if (status === 429) {
    const limits = parseLimits(scope === 'refresh' ? 'refresh' : 'mint', data, headers, now);
    const retryAfterMs = limits.retryAfterMs ?? 1000;
    return new RateLimitedError(message, {
      ...info,
      retryAfterMs,
      resetAt: limits.resetAt ? new Date(limits.resetAt) : null,
      remaining: limits.remaining ?? null,
      limit: limits.limit ?? null,
      scope,
    });
  }
  if (status === 409) {
    const details = (env.details ?? {}) as { id?: unknown; values?: unknown };
    const values = Array.isArray(details.values) ? details.values.map(String) : [];
    const id = str(details.id);
    const kind: ConflictKind =
      id === 'reference_id'
        ? 'reference_id'
        : id === 'token_id'
          ? 'token_id'
          : id === 'metadata'
            ? 'metadata'
            : 'unknown';
    return new ConflictError(message, {
      ...info,
      kind,
      referenceIds: kind === 'reference_id' ? values : [],
      tokenIds: kind === 'token_id' || kind === 'metadata' ? values : [],
    });
  }
  return new ApiError(message, info);
}

/** 5xx and "no answer" are worth retrying; a 4xx is a definitive answer. */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 408;
}
