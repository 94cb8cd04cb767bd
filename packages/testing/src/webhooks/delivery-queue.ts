import type {
  SignatureVersion,
  SignedDelivery,
  WebhookClock,
  WebhookDeliveryRecord,
  WebhookKnobs,
  WebhookTarget,
} from './webhook-types.js';

export interface Subscription {
  id: string;
  target: WebhookTarget;
  mode: 'sns' | 'hmac';
  signatureVersion: SignatureVersion;
  secret: string | undefined;
  events: Set<string> | undefined;
  token: string;
  arn: string;
  confirmed: boolean;
  active: boolean;
}

export interface QueuedDelivery {
  subscription: Subscription;
  messageId: string;
  event: string;
  eventId: string | null;
  delivery: SignedDelivery;
  dueAt: number;
  attempt: number;
}

/** In-process handlers get a Request; it needs an absolute URL, which nobody reads. */
const HANDLER_URL = 'https://webhook-receiver.invalid/';

/**
 * The pending deliveries of every subscription, delivered on the injected clock.
 * Deliveries run one at a time, so with `reorder` off a receiver sees publish order.
 */
export function createDeliveryQueue(o: {
  clock: WebhookClock;
  random: { next(): number };
  knobs: WebhookKnobs;
  fetch: typeof fetch;
  retryDelaysMs: number[];
  deliveryTimeoutMs: number;
  onDelivered(item: QueuedDelivery): void;
}) {
  let queue: QueuedDelivery[] = [];
  const deliveries: WebhookDeliveryRecord[] = [];
  const timers = new Set<unknown>();
  let running: Promise<void> = Promise.resolve();

  const record = (item: QueuedDelivery, status: number | 'dropped', error?: string) => {
    deliveries.push({
      subscriptionId: item.subscription.id,
      messageId: item.messageId,
      event: item.event,
      eventId: item.eventId,
      status,
      attempt: item.attempt,
      at: o.clock.now(),
      ...(error === undefined ? {} : { error }),
    });
  };

  const schedule = (delayMs: number) => {
    const handle = o.clock.setTimeout(() => {
      timers.delete(handle);
      void flush();
    }, delayMs);
    timers.add(handle);
  };

  const enqueue = (item: QueuedDelivery) => {
    queue.push(item);
    schedule(Math.max(0, item.dueAt - o.clock.now()));
  };

  const ready = (item: QueuedDelivery, now: number) =>
    item.dueAt <= now && (item.event === 'SubscriptionConfirmation' || item.subscription.confirmed);

  const send = async (item: QueuedDelivery): Promise<Response> => {
    const init = { method: 'POST', headers: item.delivery.headers, body: item.delivery.body };
    const { target } = item.subscription;
    if (typeof target === 'function') return target(new Request(HANDLER_URL, init));
    return o.fetch(target, { ...init, signal: AbortSignal.timeout(o.deliveryTimeoutMs) });
  };

  const attempt = async (item: QueuedDelivery) => {
    let status = 0;
    let error: string | undefined;
    try {
      const response = await send(item);
      status = response.status;
      // Drain the body so a keep-alive socket is released.
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    record(item, status, error);
    if (status >= 200 && status < 300) {
      o.onDelivered(item);
      return;
    }
    const retryDelay = o.retryDelaysMs[item.attempt - 1];
    if (retryDelay !== undefined && item.subscription.active) {
      enqueue({ ...item, attempt: item.attempt + 1, dueAt: o.clock.now() + retryDelay });
    }
  };

  // Fisher–Yates with the seeded random: reproducible from the fake's seed.
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(o.random.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };

  const deliverDue = async () => {
    // Loops because a delivery can release more (a confirmation unblocks held notifications).
    for (;;) {
      queue = queue.filter((item) => item.subscription.active);
      const now = o.clock.now();
      const due = queue.filter((item) => ready(item, now));
      if (due.length === 0) return;
      const dueSet = new Set(due);
      queue = queue.filter((item) => !dueSet.has(item));
      const confirmations = due.filter((item) => item.event === 'SubscriptionConfirmation');
      const notifications = due.filter((item) => item.event !== 'SubscriptionConfirmation');
      if (o.knobs.reorder) shuffle(notifications);
      for (const item of [...confirmations, ...notifications]) await attempt(item);
    }
  };

  const flush = (): Promise<void> => {
    running = running.then(deliverDue, deliverDue);
    return running;
  };

  return {
    deliveries,
    enqueue,
    record,
    flush,
    /** Held deliveries may be deliverable now: schedule a flush on the clock. */
    wake: () => schedule(0),
    size: () => queue.length,
    clear() {
      queue = [];
      deliveries.length = 0;
      for (const handle of timers) o.clock.clearTimeout(handle);
      timers.clear();
    },
  };
}
