import type { SignatureVersion, SignedDelivery } from './sns-envelope.js';

/** The timer surface the fake schedules deliveries on (the fake's manual clock fits). */
export interface WebhookClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** An Immutable event as it travels in a webhook (REFERENCE.md §10.5). */
export interface WebhookEvent {
  event_name: string;
  event_id: string;
  chain: string;
  data: Record<string, unknown>;
}

/** Where deliveries go: a URL (POSTed with `fetch`) or an in-process handler. */
export type WebhookTarget = string | ((request: Request) => Response | Promise<Response>);

export interface SubscribeOptions {
  /**
   * SNS signature version: `'1'` RSA-SHA1, `'2'` RSA-SHA256.
   * @default '2'
   */
  signatureVersion?: SignatureVersion | undefined;
  /**
   * `'sns'`: AWS SNS envelopes, signed, confirmation first (what the official SDK accepts).
   * `'hmac'`: the JSON + `x-immutable-signature` scheme of Immutable's newer docs (unverified).
   * @default 'sns'
   */
  mode?: 'sns' | 'hmac' | undefined;
  /** The HMAC key; required in `'hmac'` mode. */
  secret?: string | undefined;
  /** Only these event names are delivered. @default every event */
  events?: string[] | undefined;
}

/** One delivery attempt (or a drop), oldest first. */
export interface WebhookDeliveryRecord {
  subscriptionId: string;
  /** The SNS MessageId (kept across retries and duplicates). */
  messageId: string;
  /** The event name, or `SubscriptionConfirmation`. */
  event: string;
  eventId: string | null;
  /** The receiver's HTTP status; `0` when the delivery threw (connection refused, timeout). */
  status: number | 'dropped';
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  at: number;
  error?: string;
}

/** Mutable knobs; each applies to notifications published after the change. */
export interface WebhookKnobs {
  /** Probability that a notification is delivered twice (same MessageId). @default 0 */
  duplicateRate: number;
  /** Probability that a notification is never delivered. @default 0 */
  dropRate: number;
  /** Shuffle every batch of due deliveries with the seeded random. @default false */
  reorder: boolean;
  /** Delay between publishing and delivering, on the injected clock. @default 0 */
  delayMs: number;
}

/** What `forge()` can break (see {@link FakeWebhooks.forge}). */
export type ForgeTamper = 'signature' | 'message' | 'topic' | 'replay' | { certUrl: string };

export type { SignatureVersion, SignedDelivery };
