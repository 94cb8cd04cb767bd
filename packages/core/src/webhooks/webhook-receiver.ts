import { z } from 'zod';
import type { WebhookVerificationError } from '../errors/errors.js';
import { isMintkitError } from '../errors/mintkit-error.js';
import type { StatusUpdate } from '../types.js';
import { BoundedCache } from './bounded-cache.js';
import { confirmSubscription, type SubscriptionOutcome } from './confirm-subscription.js';
import { decodeBody, headerValue, type WebhookHeaders } from './raw-body.js';
import { HMAC_SIGNATURE_HEADER, verifyHmacSignature } from './verify-hmac.js';
import { createSnsVerifier, type SnsVerifierOptions, validateOptions } from './verify-sns-message.js';
import {
  type ImmutableWebhookEvent,
  KNOWN_WEBHOOK_EVENTS,
  parseEventEnvelope,
  statusUpdateFromEvent,
} from './webhook-events.js';

/** What one delivery amounted to. Refused deliveries throw `WebhookVerificationError` instead. */
export type WebhookResult =
  | { kind: 'mint-request-updated'; messageId: string; eventId: string; update: StatusUpdate }
  | { kind: 'event'; messageId: string; eventId: string; eventName: string; event: ImmutableWebhookEvent }
  | { kind: 'duplicate'; messageId: string; eventId: string | null; by: 'message-id' | 'event-id' }
  | {
      kind: 'ignored';
      messageId: string;
      eventId: string | null;
      eventName: string | null;
      reason: 'unknown-event' | 'unknown-status' | 'unknown-type';
    }
  | { kind: 'subscription-confirmed'; messageId: string; topicArn: string }
  | { kind: 'subscription-failed'; messageId: string; topicArn: string; error: WebhookVerificationError };

export interface WebhookReceiverOptions extends SnsVerifierOptions {
  /**
   * `'sns'`: AWS SNS envelopes, as the official SDK expects. `'hmac'`: JSON bodies signed in
   * `x-immutable-signature` (Immutable's newer docs; unverified which is live).
   * @default 'sns'
   */
  mode?: 'sns' | 'hmac' | undefined;
  /** HMAC mode: the webhook secret, or several during a rotation. */
  hmacSecret?: string | readonly string[] | undefined;
  /**
   * Larger bodies are refused (`BODY_TOO_LARGE`) before parsing.
   * @default 262144 (256 KiB; SNS messages are at most 256 KiB)
   */
  maxBodyBytes?: number | undefined;
  /**
   * How many MessageIds and event_ids are remembered for dedupe (each, LRU).
   * @default 10000
   */
  dedupeSize?: number | undefined;
  /**
   * Used to GET a `SubscribeURL`.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch | undefined;
  /**
   * Which `SubscribeURL`s may be fetched. The URL is covered by the signature, but a GET is
   * an outbound request, so it gets the same host rules as the certificate.
   * @default https on a host matching `trustedHostPattern`, no userinfo, no port
   * @example (url) => url.startsWith(`${fake.baseUrl}/_fake/webhooks/confirm?`)
   */
  allowedSubscribeUrl?: ((url: string) => boolean) | undefined;
  /**
   * Timeout of the `SubscribeURL` GET.
   * @default 10000
   */
  confirmTimeoutMs?: number | undefined;
  /** Called with each verified, new mint status (wire it to the tracker). A throw makes `handle` reject (the sender retries). */
  onMintRequestUpdated?:
    | ((update: StatusUpdate, event: ImmutableWebhookEvent) => void | Promise<void>)
    | undefined;
  /** Called with every other verified, new, known event. */
  onEvent?: ((event: ImmutableWebhookEvent) => void | Promise<void>) | undefined;
  /** Told how each subscription confirmation went (a throw here is swallowed). */
  onConfirmation?: ((outcome: SubscriptionOutcome) => void) | undefined;
}

export interface WebhookReceiver {
  /** Verifies and applies one delivery. Rejects with `WebhookVerificationError` when it is refused. */
  handle(rawBody: string | Uint8Array, headers?: WebhookHeaders): Promise<WebhookResult>;
}

const receiverSchema = z.object({
  mode: z.enum(['sns', 'hmac']).optional(),
  hmacSecret: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  maxBodyBytes: z.number().int().positive().optional(),
  dedupeSize: z.number().int().positive().optional(),
  confirmTimeoutMs: z.number().int().positive().optional(),
});

/**
 * Verifies webhook deliveries and turns them into tracker updates: SNS (default) or HMAC,
 * dedupe by MessageId and event_id, subscription confirmation awaited and reported.
 *
 * @example
 * const receiver = createWebhookReceiver({
 *   environment: 'production',
 *   onMintRequestUpdated: (update) => tracker.report(update, 'webhook'),
 * });
 * http.createServer(nodeHttpWebhookHandler(receiver)).listen(8080);
 */
export function createWebhookReceiver(options: WebhookReceiverOptions = {}): WebhookReceiver {
  validateOptions(receiverSchema, options, 'webhook receiver options');
  const mode = options.mode ?? 'sns';
  const secrets = options.hmacSecret === undefined ? [] : [options.hmacSecret].flat();
  if (mode === 'hmac' && secrets.length === 0)
    throw new TypeError("webhook receiver options: mode 'hmac' needs hmacSecret");
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const verifier = mode === 'sns' ? createSnsVerifier(options) : undefined;
  const seenMessages = new BoundedCache<string, true>(options.dedupeSize ?? 10_000);
  const seenEvents = new BoundedCache<string, true>(options.dedupeSize ?? 10_000);

  const apply = async (messageId: string, event: ImmutableWebhookEvent): Promise<WebhookResult> => {
    const eventId = event.event_id;
    if (seenEvents.has(eventId)) {
      seenMessages.set(messageId, true);
      return { kind: 'duplicate', messageId, eventId, by: 'event-id' };
    }
    if (!KNOWN_WEBHOOK_EVENTS.has(event.event_name)) {
      seenMessages.set(messageId, true);
      seenEvents.set(eventId, true);
      return { kind: 'ignored', messageId, eventId, eventName: event.event_name, reason: 'unknown-event' };
    }
    const update =
      event.event_name === 'imtbl_zkevm_mint_request_updated' ? statusUpdateFromEvent(event) : undefined;
    // Marked before the callback so a concurrent copy is a duplicate; unmarked if it throws,
    // so the sender's retry is applied.
    seenMessages.set(messageId, true);
    seenEvents.set(eventId, true);
    try {
      if (update === null) {
        return { kind: 'ignored', messageId, eventId, eventName: event.event_name, reason: 'unknown-status' };
      }
      if (update) {
        await options.onMintRequestUpdated?.(update, event);
        return { kind: 'mint-request-updated', messageId, eventId, update };
      }
      await options.onEvent?.(event);
      return { kind: 'event', messageId, eventId, eventName: event.event_name, event };
    } catch (error) {
      seenMessages.delete(messageId);
      seenEvents.delete(eventId);
      throw error;
    }
  };

  const handleSns = async (text: string): Promise<WebhookResult> => {
    const message = await (verifier as NonNullable<typeof verifier>).verify(text);
    const { MessageId: messageId, TopicArn: topicArn } = message;
    if (message.Type === 'SubscriptionConfirmation') {
      const outcome = await confirmSubscription(message, options);
      try {
        options.onConfirmation?.(outcome);
      } catch {
        // A reporting callback must not turn a confirmation into a failed delivery.
      }
      return outcome.confirmed
        ? { kind: 'subscription-confirmed', messageId, topicArn }
        : { kind: 'subscription-failed', messageId, topicArn, error: outcome.error };
    }
    if (message.Type !== 'Notification') {
      return { kind: 'ignored', messageId, eventId: null, eventName: null, reason: 'unknown-type' };
    }
    if (seenMessages.has(messageId)) return { kind: 'duplicate', messageId, eventId: null, by: 'message-id' };
    return apply(messageId, parseEventEnvelope(message.Message));
  };

  return {
    async handle(rawBody, headers = {}) {
      const { bytes, text } = decodeBody(rawBody, maxBodyBytes);
      if (mode === 'sns') return handleSns(text);
      verifyHmacSignature(bytes, headerValue(headers, HMAC_SIGNATURE_HEADER), secrets);
      const event = parseEventEnvelope(text);
      // The HMAC scheme has no transport id: the event_id is the message id.
      return apply(event.event_id, event);
    },
  };
}

/** True when `error` is a refused delivery (as opposed to a failing callback). */
export function isWebhookRefusal(error: unknown): error is WebhookVerificationError {
  return isMintkitError(error) && error.name === 'WebhookVerificationError';
}
