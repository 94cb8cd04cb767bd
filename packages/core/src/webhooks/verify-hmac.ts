import { createHmac, timingSafeEqual } from 'node:crypto';
import { webhookError } from './webhook-error-codes.js';

export const HMAC_SIGNATURE_HEADER = 'x-immutable-signature';

/**
 * Checks `x-immutable-signature` (REFERENCE.md §10.4, unverified which scheme is live): the
 * hex HMAC-SHA256 of the raw body bytes keyed with the webhook secret. Immutable does not
 * publish the exact format, so an optional `sha256=` prefix and either hex case are accepted.
 * Several secrets may be given (rotation); each comparison is constant-time.
 */
export function verifyHmacSignature(
  rawBody: Uint8Array,
  header: string | undefined,
  secrets: readonly string[],
): void {
  if (header === undefined || header === '')
    throw webhookError('BAD_SIGNATURE', `${HMAC_SIGNATURE_HEADER} header is missing`);
  const hex = header.trim().replace(/^sha256=/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw webhookError('BAD_SIGNATURE', `${HMAC_SIGNATURE_HEADER} is not a hex SHA-256 HMAC`);
  const given = Buffer.from(hex, 'hex');
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // Both are 32 bytes here, which timingSafeEqual requires; no early exit across secrets.
    if (timingSafeEqual(expected, given)) ok = true;
  }
  if (!ok) throw webhookError('BAD_SIGNATURE', `${HMAC_SIGNATURE_HEADER} does not match the body`);
}
