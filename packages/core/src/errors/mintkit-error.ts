const BRAND = Symbol.for('mintkit.error');

/** Strings that must never appear in an error: API keys registered by `createMinter`. */
const secrets = new Set<string>();

/** @internal Registers a secret (the API key) so every MintkitError redacts it. */
export function registerSecret(secret: string): void {
  if (secret.length >= 4) secrets.add(secret);
}

/** @internal Replaces every registered secret in `text` with `[redacted]`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * @internal `redact` through strings, arrays and plain objects (server-provided error details,
 * which may echo a request header back). Bounded depth: details are small, a cycle is not.
 */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (secrets.size === 0 || depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[redact(k)] = redactDeep(v, depth + 1);
  return out;
}

export interface MintkitErrorOptions {
  cause?: unknown;
}

/**
 * Base class of every error mintkit throws or emits. `isMintkitError()` recognises it even
 * when two copies of `@mintkit/core` are installed (the brand is a `Symbol.for`).
 */
export class MintkitError extends Error {
  override name = 'MintkitError';
  readonly code: string;

  constructor(code: string, message: string, options: MintkitErrorOptions = {}) {
    // The API key is redacted here, once, so no subclass or caller can forget to.
    super(redact(message), options.cause === undefined ? undefined : { cause: redactCause(options.cause) });
    this.code = redact(code);
    Object.defineProperty(this, BRAND, { value: true });
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this)) out[key] = value;
    return { ...out, name: this.name, code: this.code, message: this.message };
  }
}

function redactCause(cause: unknown): unknown {
  if (cause instanceof Error && !isMintkitError(cause)) {
    const copy = new Error(redact(cause.message));
    copy.name = cause.name;
    if (cause.stack) copy.stack = redact(cause.stack);
    if ('code' in cause) Object.assign(copy, { code: (cause as { code: unknown }).code });
    return copy;
  }
  if (typeof cause === 'string') return redact(cause);
  return cause;
}

/** True for any error created by any installed copy of mintkit. */
export function isMintkitError(value: unknown): value is MintkitError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
