import { MintkitError, type MintkitErrorOptions, redact, redactDeep } from './mintkit-error.js';

/** A caller's input (an asset, an option, a webhook body) is invalid. `field` names it. */
export class ValidationError extends MintkitError {
  override name = 'ValidationError' as const;
  readonly field: string;

  constructor(field: string, message: string, options: MintkitErrorOptions = {}) {
    super('VALIDATION_ERROR', `${field}: ${message}`, options);
    this.field = field;
  }
}

export interface ApiErrorDetails {
  status: number;
  code: string;
  traceId?: string | undefined;
  details?: unknown;
  link?: string | undefined;
}

/** The Immutable API answered with an error status. */
export class ApiError extends MintkitError {
  override name: string = 'ApiError';
  readonly status: number;
  readonly apiCode: string;
  readonly traceId: string | undefined;
  readonly details: unknown;

  constructor(message: string, info: ApiErrorDetails, options: MintkitErrorOptions = {}) {
    super(info.code, message, options);
    this.status = info.status;
    // Everything below comes from the server's body, which may echo the request's key header
    // (the code is already redacted by MintkitError).
    this.apiCode = this.code;
    this.traceId = info.traceId === undefined ? undefined : redact(info.traceId);
    this.details = redactDeep(info.details ?? null);
  }
}

export interface RateLimitInfo {
  retryAfterMs: number;
  resetAt: Date | null;
  remaining: number | null;
  limit: number | null;
  scope: 'mint' | 'refresh' | 'read';
}

/** 429: the server's rate limit was hit. mintkit pauses and retries on its own. */
export class RateLimitedError extends ApiError {
  override name = 'RateLimitedError' as const;
  readonly retryAfterMs: number;
  readonly resetAt: Date | null;
  readonly remaining: number | null;
  readonly scope: RateLimitInfo['scope'];

  constructor(message: string, info: ApiErrorDetails & RateLimitInfo, options: MintkitErrorOptions = {}) {
    super(message, info, options);
    this.retryAfterMs = info.retryAfterMs;
    this.resetAt = info.resetAt;
    this.remaining = info.remaining;
    this.scope = info.scope;
  }
}

/** What a 409 was about: our reference_id, an ERC-721 token_id, or ERC-1155 metadata on an existing token. */
export type ConflictKind = 'reference_id' | 'token_id' | 'metadata' | 'unknown';

/** 409: part of a batch conflicts with what the API already holds. */
export class ConflictError extends ApiError {
  override name = 'ConflictError' as const;
  readonly kind: ConflictKind;
  readonly referenceIds: readonly string[];
  readonly tokenIds: readonly string[];

  constructor(
    message: string,
    info: ApiErrorDetails & {
      kind: ConflictKind;
      referenceIds?: readonly string[];
      tokenIds?: readonly string[];
    },
    options: MintkitErrorOptions = {},
  ) {
    super(message, info, options);
    this.kind = info.kind;
    this.referenceIds = (info.referenceIds ?? []).map(redact);
    this.tokenIds = (info.tokenIds ?? []).map(redact);
  }
}

/** 401 / 403: the key is wrong or may not mint this collection. Submissions pause until `resume()`. */
export class AuthError extends ApiError {
  override name = 'AuthError' as const;
}

/** The request never got an HTTP answer (connection refused or reset, DNS). Retried with backoff. */
export class NetworkError extends MintkitError {
  override name = 'NetworkError' as const;
  constructor(message: string, options: MintkitErrorOptions = {}) {
    super('NETWORK_ERROR', message, options);
  }
}

/** The request took longer than the configured timeout. Retried with backoff. */
export class TimeoutError extends MintkitError {
  override name = 'TimeoutError' as const;
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number, options: MintkitErrorOptions = {}) {
    super('TIMEOUT', message, options);
    this.timeoutMs = timeoutMs;
  }
}

/** The mint was settled as failed on chain (the API's `error.message` is kept in `reason`). */
export class MintFailedError extends MintkitError {
  override name = 'MintFailedError' as const;
  readonly reason: string;
  constructor(reason: string, options: MintkitErrorOptions = {}) {
    super('MINT_FAILED', `mint failed on chain: ${reason}`, options);
    this.reason = reason;
  }
}

/** A webhook delivery could not be verified or parsed. Nothing from it was applied. */
export class WebhookVerificationError extends MintkitError {
  override name = 'WebhookVerificationError' as const;
  constructor(code: string, message: string, options: MintkitErrorOptions = {}) {
    super(code, message, options);
  }
}

/** The operation was aborted (AbortSignal) or the minter was closed before it finished. */
export class AbortError extends MintkitError {
  override name = 'AbortError' as const;
  constructor(message = 'the operation was aborted', options: MintkitErrorOptions = {}) {
    super('ABORTED', message, options);
  }
}
