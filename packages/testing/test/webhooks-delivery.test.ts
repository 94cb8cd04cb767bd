import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/clock/manual-clock.js';
import { createSeededRandom } from '../src/model/random.js';
import { createFakeWebhooks } from '../src/webhooks/create-fake-webhooks.js';
import type { WebhookEvent } from '../src/webhooks/webhook-types.js';

type Received = { type: string; messageId: string; body: Record<string, string>; at: number };

function setup(seed = 3) {
  const clock = createManualClock();
  const listeners = new Set<(e: WebhookEvent) => void>();
  const webhooks = createFakeWebhooks({
    clock,
    random: createSeededRandom(seed),
    onModelEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  const received: Received[] = [];
  let status = 200;
  // A receiver that confirms by GETting the SubscribeURL, as a real one does.
  const handler = async (request: Request) => {
    const body = JSON.parse(await request.text()) as Record<string, string>;
    received.push({ type: body.Type!, messageId: body.MessageId!, body, at: clock.now() });
    if (body.Type === 'SubscriptionConfirmation') {
      webhooks.handleConfirmationRequest(new Request(body.SubscribeURL!));
    }
    return new Response(null, { status });
  };
  let n = 0;
  const emit = (name = 'imtbl_zkevm_mint_request_updated') => {
    const e: WebhookEvent = {
      event_name: name,
      event_id: `evt-${++n}`,
      chain: 'imtbl-zkevm-testnet',
      data: { n },
    };
    for (const l of listeners) l(e);
    return e;
  };
  const ids = () =>
    received
      .filter((r) => r.type === 'Notification')
      .map((r) => (JSON.parse(r.body.Message!) as WebhookEvent).event_id);
  return {
    clock,
    webhooks,
    received,
    handler,
    emit,
    ids,
    listeners,
    setStatus: (s: number) => {
      status = s;
    },
  };
}

describe('fake webhooks: confirmation', () => {
  it('holds notifications until the SubscribeURL is fetched, then delivers them in order', async () => {
    const { webhooks, emit, ids, received } = setup();
    const sub = webhooks.subscribe(async () => new Response(null, { status: 200 }));
    emit();
    emit();
    await webhooks.flush();
    expect(webhooks.confirmed(sub.id)).toBe(false);
    expect(webhooks.pending()).toBe(2);
    expect(webhooks.deliveries.map((d) => d.event)).toEqual(['SubscriptionConfirmation']);
    expect(received).toHaveLength(0);
    expect(ids()).toEqual([]);
  });

  it('a receiver that GETs SubscribeURL confirms; the URL points at the fake base path', async () => {
    const { webhooks, emit, ids, received, handler } = setup();
    const sub = webhooks.subscribe(handler);
    emit();
    emit();
    await webhooks.flush();
    const url = new URL(received[0]!.body.SubscribeURL!);
    expect(`${url.origin}${url.pathname}`).toBe('https://api.sandbox.immutable.com/_fake/webhooks/confirm');
    expect(url.searchParams.get('Token')).toBe(received[0]!.body.Token);
    expect(webhooks.confirmed(sub.id)).toBe(true);
    expect(ids()).toEqual(['evt-1', 'evt-2']);
  });

  it('answers the confirm route like SNS: 200 with the subscription ARN, 404 for an unknown token', async () => {
    const { webhooks, received, handler } = setup();
    const sub = webhooks.subscribe(handler);
    await webhooks.flush();
    const ok = webhooks.handleConfirmationRequest(new Request(received[0]!.body.SubscribeURL!));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(sub.subscriptionArn);
    const bad = webhooks.handleConfirmationRequest(
      new Request('https://api.sandbox.immutable.com/_fake/webhooks/confirm?Token=nope'),
    );
    expect(bad.status).toBe(404);
  });

  it('stops listening to the model when the last subscription goes', () => {
    const { webhooks, listeners, handler } = setup();
    expect(listeners.size).toBe(0);
    const a = webhooks.subscribe(handler);
    const b = webhooks.subscribe(handler, { events: ['imtbl_zkevm_nft_updated'] });
    expect(listeners.size).toBe(1);
    a.unsubscribe();
    expect(listeners.size).toBe(1);
    b.unsubscribe();
    expect(listeners.size).toBe(0);
  });

  it('delivers only the subscribed event names', async () => {
    const { webhooks, emit, received, handler } = setup();
    webhooks.subscribe(handler, { events: ['imtbl_zkevm_nft_updated'] });
    emit('imtbl_zkevm_mint_request_updated');
    emit('imtbl_zkevm_nft_updated');
    await webhooks.flush();
    const names = received
      .filter((r) => r.type === 'Notification')
      .map((r) => JSON.parse(r.body.Message!).event_name);
    expect(names).toEqual(['imtbl_zkevm_nft_updated']);
  });
});

describe('fake webhooks: knobs on the manual clock', () => {
  it('delayMs delivers on the clock, not before', async () => {
    const { webhooks, emit, ids, handler, clock } = setup();
    webhooks.subscribe(handler);
    await webhooks.flush();
    webhooks.knobs.delayMs = 5_000;
    emit();
    await clock.advance(4_999);
    await webhooks.flush();
    expect(ids()).toEqual([]);
    await clock.advance(1);
    await webhooks.flush();
    expect(ids()).toEqual(['evt-1']);
  });

  it('advancing the clock alone delivers what falls due (no flush needed)', async () => {
    const { webhooks, emit, ids, handler, clock } = setup();
    webhooks.subscribe(handler);
    await clock.advance(0);
    webhooks.knobs.delayMs = 250;
    emit();
    await clock.advance(249);
    expect(ids()).toEqual([]);
    await clock.advance(1);
    expect(ids()).toEqual(['evt-1']);
  });

  it('duplicateRate 1 delivers every notification twice with the same MessageId', async () => {
    const { webhooks, emit, received, handler } = setup();
    webhooks.subscribe(handler);
    await webhooks.flush();
    webhooks.knobs.duplicateRate = 1;
    emit();
    emit();
    await webhooks.flush();
    const notes = received.filter((r) => r.type === 'Notification');
    expect(notes).toHaveLength(4);
    expect(new Set(notes.map((n) => n.messageId)).size).toBe(2);
  });

  it('dropRate drops a reproducible share and logs each drop', async () => {
    const run = async () => {
      const t = setup(11);
      t.webhooks.subscribe(t.handler);
      await t.webhooks.flush();
      t.webhooks.knobs.dropRate = 0.5;
      for (let i = 0; i < 40; i++) t.emit();
      await t.webhooks.flush();
      return { ids: t.ids(), dropped: t.webhooks.deliveries.filter((d) => d.status === 'dropped').length };
    };
    const first = await run();
    expect(first.ids.length + first.dropped).toBe(40);
    expect(first.dropped).toBeGreaterThan(5);
    expect(first.dropped).toBeLessThan(35);
    expect(await run()).toEqual(first);
  });

  it('reorder shuffles deterministically from the seed', async () => {
    const run = async (seed: number) => {
      const t = setup(seed);
      t.webhooks.subscribe(t.handler);
      await t.webhooks.flush();
      t.webhooks.knobs.reorder = true;
      for (let i = 0; i < 10; i++) t.emit();
      await t.webhooks.flush();
      return t.ids();
    };
    const a = await run(5);
    expect([...a].sort((x, y) => Number(x.slice(4)) - Number(y.slice(4)))).toEqual(
      Array.from({ length: 10 }, (_, i) => `evt-${i + 1}`),
    );
    expect(a).not.toEqual([...a].sort((x, y) => Number(x.slice(4)) - Number(y.slice(4))));
    expect(await run(5)).toEqual(a);
  });

  it('retries a failed delivery on the clock with the same MessageId, then gives up', async () => {
    const { webhooks, emit, received, handler, clock, setStatus } = setup();
    webhooks.subscribe(handler);
    await webhooks.flush();
    setStatus(500);
    emit();
    await webhooks.flush();
    await clock.advance(1_000);
    await webhooks.flush();
    await clock.advance(10_000);
    await webhooks.flush();
    setStatus(200);
    await clock.advance(60_000);
    await webhooks.flush();
    const notes = received.filter((r) => r.type === 'Notification');
    expect(notes.map((n) => n.at - notes[0]!.at)).toEqual([0, 1_000, 11_000, 71_000]);
    expect(new Set(notes.map((n) => n.messageId)).size).toBe(1);
    expect(new Set(notes.map((n) => n.body.Signature)).size).toBe(1);
    const log = webhooks.deliveries.filter((d) => d.event !== 'SubscriptionConfirmation');
    expect(log.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 200],
    ]);
    expect(webhooks.pending()).toBe(0);
  });

  it('a throwing handler counts as status 0 and is retried', async () => {
    const { webhooks, emit, clock } = setup();
    let calls = 0;
    const sub = webhooks.subscribe(async (request) => {
      const body = JSON.parse(await request.text()) as Record<string, string>;
      if (body.Type === 'SubscriptionConfirmation') webhooks.confirmSubscription(body.Token!);
      else if (++calls === 1) throw new Error('boom');
      return new Response('ok');
    });
    await webhooks.flush();
    emit();
    await webhooks.flush();
    await clock.advance(1_000);
    await webhooks.flush();
    const log = webhooks.deliveries.filter(
      (d) => d.subscriptionId === sub.id && d.event !== 'SubscriptionConfirmation',
    );
    expect(log.map((d) => [d.status, d.error])).toEqual([
      [0, 'boom'],
      [200, undefined],
    ]);
  });
});

describe('fake webhooks: URL targets', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('POSTs to a loopback URL with fetch', async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString();
      });
      req.on('end', () => {
        bodies.push(`${req.headers['content-type']}|${text}`);
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    close = () => new Promise<void>((r) => server.close(() => r()));
    const { webhooks } = setup();
    webhooks.subscribe(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
    await webhooks.flush();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatch(/^text\/plain; charset=UTF-8\|\{"Type":"SubscriptionConfirmation"/);
    expect(webhooks.deliveries[0]!.status).toBe(204);
  });
});
