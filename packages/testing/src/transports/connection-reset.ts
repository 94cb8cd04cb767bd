/**
 * The error a reset connection produces, in undici's shape: `fetch` rejects with
 * `TypeError('fetch failed')` whose `cause` is a Node system error with `code: 'ECONNRESET'`.
 * Clients that retry on `cause.code` (ky, p-retry, mintkit's submitter) see exactly what
 * they would see in production.
 */
export function connectionResetError(): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), {
    code: 'ECONNRESET',
    errno: -104,
    syscall: 'read',
  });
  return new TypeError('fetch failed', { cause });
}

/** True for an error made by {@link connectionResetError} (or any undici reset). */
export function isConnectionReset(error: unknown): error is TypeError & { cause: Error & { code: string } } {
  return (
    error instanceof TypeError &&
    typeof error.cause === 'object' &&
    error.cause !== null &&
    (error.cause as { code?: unknown }).code === 'ECONNRESET'
  );
}
