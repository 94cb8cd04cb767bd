import { WebhookVerificationError } from '../errors/errors.js';

/**
 * Why a webhook delivery was refused. Adapters answer 400 for the malformed ones
 * ({@link isMalformedCode}), 413 for `BODY_TOO_LARGE`, 403 for the rest.
 */
export type WebhookErrorCode =
  /** The body is not JSON, or a field has the wrong type, or `Message` is not an event. */
  | 'MALFORMED_BODY'
  /** A key SNS always sends (REFERENCE.md §10.3 step 2) is absent. */
  | 'MISSING_FIELD'
  /** Over the receiver's `maxBodyBytes`. */
  | 'BODY_TOO_LARGE'
  /** `SigningCertURL` is not https, not `.pem`, or not on a trusted SNS host (checked before any request). */
  | 'BAD_CERT_URL'
  /** The certificate could not be fetched or parsed. */
  | 'CERT_FETCH_FAILED'
  /** `SignatureVersion` is not `1` or `2`. */
  | 'BAD_SIGNATURE_VERSION'
  /** The signature does not match the message and certificate (or the HMAC does not match). */
  | 'BAD_SIGNATURE'
  /** `TopicArn` does not start with the environment's Immutable prefix. */
  | 'BAD_TOPIC'
  /** `Timestamp` is older (or further in the future) than `maxMessageAgeMs`. */
  | 'STALE_MESSAGE'
  /** A `SubscribeURL` that the receiver refuses to GET. */
  | 'BAD_SUBSCRIBE_URL'
  /** The GET of `SubscribeURL` failed or did not answer 2xx. */
  | 'SUBSCRIPTION_FAILED';

const MALFORMED: ReadonlySet<string> = new Set(['MALFORMED_BODY', 'MISSING_FIELD']);

/** True for codes that mean "the sender sent garbage" (400) rather than "not trusted" (403). */
export const isMalformedCode = (code: string): boolean => MALFORMED.has(code);

export function webhookError(
  code: WebhookErrorCode,
  message: string,
  cause?: unknown,
): WebhookVerificationError {
  return new WebhookVerificationError(code, message, cause === undefined ? {} : { cause });
}
