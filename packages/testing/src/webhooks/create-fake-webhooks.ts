import { z } from 'zod';
import { createDeliveryQueue, type QueuedDelivery, type Subscription } from './delivery-queue.js';
import { forgeNotification } from './forge.js';
import { signingKey } from './signing-key.js';
import { hmacDelivery } from './sns-envelope.js';
import { createSnsSigner, type NotificationOptions } from './sns-signer.js';
import type {
  ForgeTamper,
  SignedDelivery,
  SubscribeOptions,
  WebhookClock,
  WebhookDeliveryRecord,
  WebhookEvent,
  WebhookKnobs,
  WebhookTarget,
} from './webhook-types.js';

/** Immutable's SNS topic ARN prefix per environment (REFERENCE.md §1). */
export const WEBHOOK_TOPIC_ARN_PREFIX = {
  sandbox: 'arn:aws:sns:us-east-2:783421985614:',
  production: 'arn:aws:sns:us-east-2:362750628221:',
} as const;

export const FAKE_TOPIC_NAME = 'imtbl-webhooks-fake';
/** Where the fake says its certificate lives: a host a strict SNS verifier accepts. */
export const FAKE_SIGNING_CERT_URL =
  'https://sns.us-east-2.amazonaws.com/SimpleNotificationService-mintkit-fake.pem';
/** The path of the fake's `SubscribeURL`, under the fake's base URL. */
export const CONFIRM_PATH = '/_fake/webhooks/confirm';

export interface FakeWebhooksOptions {
  clock: WebhookClock;
  /** Seeded randomness: ids, and the duplicate/drop/reorder draws. */
  random: { next(): number; uuid(): string };
  /** @default 'sandbox' */
  environment?: 'sandbox' | 'production' | undefined;
  /** Subscribes to the model's events; returns the unsubscribe. */
  onModelEvent(listener: (event: WebhookEvent) => void): () => void;
  /** Used to POST to URL targets. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /**
   * The base of `SubscribeURL`. A function is read at each subscription, so the URL can follow
   * a server that starts listening after the webhooks were created; the signature covers
   * the URL actually sent.
   * @default the environment's API base URL
   * @example baseUrl: () => server?.url ?? 'https://api.sandbox.immutable.com'
   */
  baseUrl?: string | (() => string) | undefined;
  /** Delays before retries 1, 2, ... of a failed delivery (SNS-style: same MessageId). @default [1000, 10000, 60000] */
  retryDelaysMs?: number[] | undefined;
  /** A delivery to a URL that takes longer than this (real time) counts as failed. @default 15000 */
  deliveryTimeoutMs?: number | undefined;
}

export interface FakeWebhooks {
  subscribe(
    target: WebhookTarget,
    options?: SubscribeOptions,
  ): { id: string; subscriptionArn: string; unsubscribe(): void };
  /** `arn:aws:sns:us-east-2:<Immutable's account for the environment>:imtbl-webhooks-fake`. */
  readonly topicArn: string;
  readonly signingCertUrl: string;
  /** The PEM of the self-signed certificate the fake signs with. */
  readonly certificatePem: string;
  /** What a verifier must be told to check the fake's messages offline. */
  verifierOptions(): { fetchCertificate(url: string): Promise<string>; topicArnPrefix: string };
  /** Mutable: set them between publishes. */
  knobs: WebhookKnobs;
  /** Delivers everything due now (awaiting the receivers), including what that releases. */
  flush(): Promise<void>;
  /** Every attempt and drop, oldest first. */
  readonly deliveries: WebhookDeliveryRecord[];
  /** Deliveries waiting (for their time, a retry, or their subscription's confirmation). */
  pending(): number;
  confirmed(subscriptionId: string): boolean;
  /** Confirms the subscription with this token; false when none has it. */
  confirmSubscription(token: string): boolean;
  /** Answers `GET /_fake/webhooks/confirm?Token=…` (the `SubscribeURL`) like SNS would. */
  handleConfirmationRequest(request: Request): Response;
  /** Publishes an event to every matching subscription, as the model does. */
  publish(event: WebhookEvent): void;
  /** A validly signed SNS notification for `event` (or raw `Message` text); a fresh MessageId unless given. */
  sign(event: WebhookEvent | string, options?: NotificationOptions): SignedDelivery & { messageId: string };
  /** A hostile notification a verifier must refuse (see {@link ForgeTamper}). */
  forge(event: WebhookEvent, tamper: ForgeTamper): SignedDelivery;
  /** Forgets queued deliveries and the log; subscriptions (and their confirmation) stay. */
  reset(): void;
}

const subscribeSchema = z
  .strictObject({
    signatureVersion: z.enum(['1', '2']).default('2'),
    mode: z.enum(['sns', 'hmac']).default('sns'),
    secret: z.string().min(1).optional(),
    events: z.array(z.string()).optional(),
  })
  .refine((o) => o.mode !== 'hmac' || o.secret !== undefined, { message: "mode 'hmac' needs a secret" });

const REPLAY_MEMORY = 5_000;
const API_BASE_URL = {
  sandbox: 'https://api.sandbox.immutable.com',
  production: 'https://api.immutable.com',
};

/**
 * Immutable's webhooks as the official SDK sees them: AWS SNS HTTP(S) deliveries signed with
 * the fake's own key (REFERENCE.md §10), plus the HMAC scheme of the newer docs.
 *
 * @example
 * const sub = fake.webhooks.subscribe((request) => receiver.handle(...), { signatureVersion: '1' });
 * await fake.webhooks.flush(); // the SubscriptionConfirmation
 */
export function createFakeWebhooks(options: FakeWebhooksOptions): FakeWebhooks {
  const environment = options.environment ?? 'sandbox';
  const { clock, random } = options;
  const topicArnPrefix = WEBHOOK_TOPIC_ARN_PREFIX[environment];
  const baseUrlOption = options.baseUrl ?? API_BASE_URL[environment];
  const baseUrl = () =>
    (typeof baseUrlOption === 'function' ? baseUrlOption() : baseUrlOption).replace(/\/+$/, '');
  const signer = createSnsSigner({
    topicArn: `${topicArnPrefix}${FAKE_TOPIC_NAME}`,
    signingCertUrl: FAKE_SIGNING_CERT_URL,
    confirmUrlBase: () => `${baseUrl()}${CONFIRM_PATH}`,
    clock,
    uuid: () => random.uuid(),
  });
  const knobs: WebhookKnobs = { duplicateRate: 0, dropRate: 0, reorder: false, delayMs: 0 };
  const subscriptions = new Map<string, Subscription>();
  const lastDelivered = new Map<string, SignedDelivery>();
  const queue = createDeliveryQueue({
    clock,
    random,
    knobs,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retryDelaysMs: options.retryDelaysMs ?? [1_000, 10_000, 60_000],
    deliveryTimeoutMs: options.deliveryTimeoutMs ?? 15_000,
    onDelivered: (item) => {
      if (item.eventId === null) return;
      lastDelivered.delete(item.eventId);
      lastDelivered.set(item.eventId, item.delivery);
      // Only `forge(…, 'replay')` reads this: keep the newest few thousand, not a bench's worth.
      if (lastDelivered.size > REPLAY_MEMORY)
        lastDelivered.delete(lastDelivered.keys().next().value as string);
    },
  });
  let unsubscribeModel: (() => void) | undefined;

  const chance = (rate: number) => rate > 0 && random.next() < rate;

  const publish = (event: WebhookEvent) => {
    for (const sub of subscriptions.values()) {
      if (sub.events && !sub.events.has(event.event_name)) continue;
      const signed =
        sub.mode === 'hmac'
          ? {
              ...hmacDelivery(event, new Date(clock.now()).toISOString(), sub.secret ?? ''),
              messageId: random.uuid(),
            }
          : signer.notification(event, { signatureVersion: sub.signatureVersion, subscriptionArn: sub.arn });
      const item: QueuedDelivery = {
        subscription: sub,
        messageId: signed.messageId,
        event: event.event_name,
        eventId: event.event_id,
        delivery: { body: signed.body, headers: signed.headers },
        dueAt: clock.now() + Math.max(0, knobs.delayMs),
        attempt: 1,
      };
      if (chance(knobs.dropRate)) {
        queue.record(item, 'dropped');
        continue;
      }
      queue.enqueue(item);
      if (chance(knobs.duplicateRate)) queue.enqueue({ ...item });
    }
  };

  const syncModelListener = () => {
    if (subscriptions.size > 0 && !unsubscribeModel) unsubscribeModel = options.onModelEvent(publish);
    if (subscriptions.size === 0 && unsubscribeModel) {
      unsubscribeModel();
      unsubscribeModel = undefined;
    }
  };

  const confirmSubscription = (token: string) => {
    for (const sub of subscriptions.values()) {
      if (sub.token !== token) continue;
      sub.confirmed = true;
      // Notifications held back for this subscription are now deliverable.
      queue.wake();
      return true;
    }
    return false;
  };

  return {
    subscribe(target, o = {}) {
      const parsed = subscribeSchema.parse(o);
      const id = `sub-${random.uuid()}`;
      const sub: Subscription = {
        id,
        target,
        mode: parsed.mode,
        signatureVersion: parsed.signatureVersion,
        secret: parsed.secret,
        events: parsed.events ? new Set(parsed.events) : undefined,
        token: random.uuid().replaceAll('-', '') + random.uuid().replaceAll('-', ''),
        arn: `${signer.topicArn}:${random.uuid()}`,
        // The HMAC scheme has no confirmation handshake.
        confirmed: parsed.mode === 'hmac',
        active: true,
      };
      subscriptions.set(id, sub);
      syncModelListener();
      if (sub.mode === 'sns') {
        const signed = signer.confirmation({ token: sub.token, signatureVersion: sub.signatureVersion });
        queue.enqueue({
          subscription: sub,
          messageId: signed.messageId,
          event: 'SubscriptionConfirmation',
          eventId: null,
          delivery: { body: signed.body, headers: signed.headers },
          dueAt: clock.now() + Math.max(0, knobs.delayMs),
          attempt: 1,
        });
      }
      return {
        id,
        subscriptionArn: sub.arn,
        unsubscribe() {
          sub.active = false;
          subscriptions.delete(id);
          syncModelListener();
        },
      };
    },
    topicArn: signer.topicArn,
    signingCertUrl: signer.signingCertUrl,
    get certificatePem() {
      return signingKey().certificatePem;
    },
    verifierOptions: () => ({
      async fetchCertificate(url: string) {
        if (url !== FAKE_SIGNING_CERT_URL) throw new Error(`the fake serves no certificate at ${url}`);
        return signingKey().certificatePem;
      },
      topicArnPrefix,
    }),
    knobs,
    flush: () => queue.flush(),
    deliveries: queue.deliveries,
    pending: () => queue.size(),
    confirmed: (subscriptionId) => subscriptions.get(subscriptionId)?.confirmed ?? false,
    confirmSubscription,
    handleConfirmationRequest(request) {
      const url = new URL(request.url);
      const token = url.searchParams.get('Token') ?? '';
      const sub = [...subscriptions.values()].find((s) => s.token === token);
      if (request.method !== 'GET' || !sub || !confirmSubscription(token)) {
        const xml = `<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Subscription not found</Message></Error></ErrorResponse>`;
        return new Response(xml, { status: 404, headers: { 'content-type': 'text/xml' } });
      }
      const xml = `<ConfirmSubscriptionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ConfirmSubscriptionResult><SubscriptionArn>${sub.arn}</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>`;
      return new Response(xml, { status: 200, headers: { 'content-type': 'text/xml' } });
    },
    publish,
    sign: (event, o) => signer.notification(event, o),
    forge: (event, tamper) =>
      forgeNotification(signer, event, tamper, (eventId) => lastDelivered.get(eventId)),
    reset() {
      queue.clear();
      lastDelivered.clear();
    },
  };
}
