import { verify as verifySignature } from 'node:crypto';
import { z } from 'zod';
import {
  createCertificateStore,
  createDefaultCertificateFetcher,
  type FetchCertificate,
} from './certificate-store.js';
import { parseSnsMessage, type SnsMessage, snsStringToSign } from './sns-message.js';
import { DEFAULT_TRUSTED_SNS_HOST, refuseUntrustedSnsUrl } from './trusted-url.js';
import { webhookError } from './webhook-error-codes.js';

/** Immutable's SNS topic ARN prefix per environment (REFERENCE.md §1). */
export const IMMUTABLE_TOPIC_ARN_PREFIX = {
  sandbox: 'arn:aws:sns:us-east-2:783421985614:',
  production: 'arn:aws:sns:us-east-2:362750628221:',
} as const;

export interface SnsVerifierOptions {
  /**
   * Picks Immutable's topic ARN prefix when `topicArnPrefix` is not given.
   * @default 'sandbox'
   */
  environment?: 'sandbox' | 'production' | undefined;
  /**
   * `TopicArn` must start with this (or one of these).
   * @default IMMUTABLE_TOPIC_ARN_PREFIX[environment]
   * @example fake.webhooks.verifierOptions().topicArnPrefix
   */
  topicArnPrefix?: string | readonly string[] | undefined;
  /**
   * Hosts `SigningCertURL` may point at (matched against the lower-cased hostname).
   * @default /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/
   */
  trustedHostPattern?: RegExp | undefined;
  /**
   * Downloads a certificate's PEM; only called for URLs that passed the host checks.
   * @default global fetch, 5 s timeout, no redirects, 64 KiB cap
   * @example fake.webhooks.verifierOptions().fetchCertificate
   */
  fetchCertificate?: FetchCertificate | undefined;
  /**
   * How many certificates to keep (LRU by URL). AWS rotates rarely; a handful is plenty.
   * @default 16
   */
  certificateCacheSize?: number | undefined;
  /**
   * Timeout of the default certificate download.
   * @default 5000
   */
  certificateTimeoutMs?: number | undefined;
  /**
   * Refuse messages whose `Timestamp` is further than this from `now()` (`STALE_MESSAGE`).
   * Off by default: SNS keeps the original Timestamp on retries spread over hours, and
   * replays are caught by the MessageId/event_id dedupe instead.
   * @default null
   * @example 3_600_000 // one hour
   */
  maxMessageAgeMs?: number | null | undefined;
  /**
   * Time source for `maxMessageAgeMs`.
   * @default Date
   */
  clock?: { now(): number } | undefined;
}

const optionsSchema = z.object({
  environment: z.enum(['sandbox', 'production']).optional(),
  topicArnPrefix: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  trustedHostPattern: z.instanceof(RegExp).optional(),
  fetchCertificate: z
    .custom<FetchCertificate>((v) => typeof v === 'function', 'must be a function')
    .optional(),
  certificateCacheSize: z.number().int().positive().optional(),
  certificateTimeoutMs: z.number().int().positive().optional(),
  maxMessageAgeMs: z.number().positive().nullable().optional(),
  clock: z.custom<{ now(): number }>((v) => typeof (v as { now?: unknown })?.now === 'function').optional(),
});

/** Parses options with zod; a bad option is a programming error, so a plain TypeError is thrown. */
export function validateOptions<T>(schema: z.ZodType, options: T, what: string): T {
  const result = schema.safeParse(options);
  if (!result.success) throw new TypeError(`${what}: ${z.prettifyError(result.error)}`);
  return options;
}

export interface SnsVerifier {
  /** Verifies a raw SNS body (text or an already-parsed object) and returns the message. */
  verify(body: string | Record<string, unknown>): Promise<SnsMessage>;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Builds an SNS verifier that keeps its certificate cache across messages.
 *
 * @example
 * const verifier = createSnsVerifier({ environment: 'production' });
 * const message = await verifier.verify(rawBody);
 */
export function createSnsVerifier(options: SnsVerifierOptions = {}): SnsVerifier {
  validateOptions(optionsSchema, options, 'SNS verifier options');
  const prefixes: readonly string[] =
    options.topicArnPrefix === undefined
      ? [IMMUTABLE_TOPIC_ARN_PREFIX[options.environment ?? 'sandbox']]
      : typeof options.topicArnPrefix === 'string'
        ? [options.topicArnPrefix]
        : options.topicArnPrefix;
  const hostPattern = options.trustedHostPattern ?? DEFAULT_TRUSTED_SNS_HOST;
  const certificates = createCertificateStore(
    options.fetchCertificate ??
      createDefaultCertificateFetcher({ timeoutMs: options.certificateTimeoutMs ?? 5_000 }),
    options.certificateCacheSize ?? 16,
  );
  const maxAge = options.maxMessageAgeMs ?? null;
  const clock = options.clock ?? Date;

  return {
    async verify(body) {
      const message = parseSnsMessage(body);
      // Everything that can be refused without a network request is checked first (SSRF guard).
      const refusal = refuseUntrustedSnsUrl(message.SigningCertURL, hostPattern, true);
      if (refusal !== null) throw webhookError('BAD_CERT_URL', `SigningCertURL ${refusal}`);
      if (message.SignatureVersion !== '1' && message.SignatureVersion !== '2') {
        throw webhookError(
          'BAD_SIGNATURE_VERSION',
          `SignatureVersion ${JSON.stringify(message.SignatureVersion)} is not 1 or 2`,
        );
      }
      if (!BASE64.test(message.Signature)) throw webhookError('BAD_SIGNATURE', 'Signature is not base64');
      // The topic is signed, so checking it before the signature changes no verdict; it only
      // spares a certificate download for messages from someone else's topic.
      if (!prefixes.some((prefix) => message.TopicArn.startsWith(prefix))) {
        throw webhookError('BAD_TOPIC', `TopicArn ${message.TopicArn} is not one of Immutable's topics`);
      }
      if (maxAge !== null) {
        const at = Date.parse(message.Timestamp);
        if (Number.isNaN(at)) throw webhookError('MALFORMED_BODY', 'Timestamp is not a date');
        if (Math.abs(clock.now() - at) > maxAge) {
          throw webhookError(
            'STALE_MESSAGE',
            `Timestamp ${message.Timestamp} is outside the accepted window`,
          );
        }
      }
      const certificate = await certificates.get(message.SigningCertURL);
      const algorithm = message.SignatureVersion === '1' ? 'sha1' : 'sha256';
      let valid = false;
      try {
        valid = verifySignature(
          algorithm,
          Buffer.from(snsStringToSign(message), 'utf8'),
          certificate.publicKey,
          Buffer.from(message.Signature, 'base64'),
        );
      } catch (cause) {
        throw webhookError('BAD_SIGNATURE', 'the signature could not be checked', cause);
      }
      if (!valid) throw webhookError('BAD_SIGNATURE', 'the SNS signature does not match the message');
      return message;
    },
  };
}

const verifiers = new WeakMap<SnsVerifierOptions, SnsVerifier>();

/**
 * Verifies one SNS message (REFERENCE.md §10.3): required keys, certificate URL, signature
 * (SignatureVersion 1 = RSA-SHA1, 2 = RSA-SHA256), topic. Throws `WebhookVerificationError`.
 * The certificate cache lives with the `options` object: pass the same object every time
 * (or use {@link createSnsVerifier}).
 *
 * @example
 * const options = { environment: 'production' } as const;
 * const message = await verifySnsMessage(rawBody, options);
 */
export function verifySnsMessage(
  body: string | Record<string, unknown>,
  options: SnsVerifierOptions = {},
): Promise<SnsMessage> {
  let verifier = verifiers.get(options);
  if (!verifier) {
    verifier = createSnsVerifier(options);
    verifiers.set(options, verifier);
  }
  return verifier.verify(body);
}
