import { FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import { describe, expect, it, vi } from 'vitest';
import type { StatusUpdate } from '../src/types.js';
import { createWebhookReceiver, type WebhookReceiverOptions } from '../src/webhooks/webhook-receiver.js';
import { expectWebhookError, mintEvent, webhookFixture } from './helpers/webhooks-fixture.js';

type Fixture = ReturnType<typeof webhookFixture>;

function receiverFor(f: Fixture, extra: WebhookReceiverOptions = {}) {
  const updates: StatusUpdate[] = [];
  const confirmFetch = vi.fn(async (input: string | URL | Request) =>
    f.fake.webhooks.handleConfirmationRequest(new Request(String(input))),
  );
  const onConfirmation = vi.fn();
  const receiver = createWebhookReceiver({
    ...f.verifierOptions,
    fetch: confirmFetch as unknown as typeof fetch,
    allowedSubscribeUrl: (url) => url.startsWith(`${f.fake.baseUrl}/_fake/webhooks/confirm?`),
    onMintRequestUpdated: (update) => {
      updates.push(update);
    },
    onConfirmation,
    ...extra,
  });
  const handler = async (request: Request) => {
    try {
      await receiver.handle(await request.text(), Object.fromEntries(request.headers));
      return new Response(null, { status: 200 });
    } catch {
      return new Response(null, { status: 403 });
    }
  };
  return { receiver, updates, confirmFetch, onConfirmation, handler };
}

describe('webhook receiver (SNS)', () => {
  it('turns a verified mint_request_updated into a StatusUpdate', async () => {
    const f = webhookFixture();
    const { receiver, updates } = receiverFor(f);
    const event = mintEvent({ amount: 3, token_id: '9' });
    const result = await receiver.handle(f.fake.webhooks.sign(event).body, {});
    expect(result).toMatchObject({ kind: 'mint-request-updated', eventId: event.event_id });
    expect(updates).toEqual([
      {
        collection: '0x721000000000000000000000000000000000fa4e',
        referenceId: event.data.reference_id,
        status: 'succeeded',
        tokenId: '9',
        amount: '3',
        owner: '0x0000000000000000000000000000000000000a11',
        transactionHash: '0xabc',
        activityId: 'act-1',
        updatedAt: '2026-01-01T00:00:02.000000Z',
      },
    ]);
  });

  it('accepts amount as a string, collection_address, and a failed status with its reason', async () => {
    const f = webhookFixture();
    const { receiver, updates } = receiverFor(f);
    const event = mintEvent({
      amount: '12',
      contract_address: undefined,
      collection_address: '0x1155000000000000000000000000000000000fa4',
      status: 'failed',
      token_id: null,
      error: { code: 'MINT_FAILED', message: 'Exceeded maximum submissions' },
    });
    await receiver.handle(f.fake.webhooks.sign(event).body);
    expect(updates[0]).toMatchObject({
      collection: '0x1155000000000000000000000000000000000fa4',
      status: 'failed',
      amount: '12',
      tokenId: null,
      errorMessage: 'Exceeded maximum submissions',
    });
  });

  it('a replay of the same MessageId is a duplicate, applied once', async () => {
    const f = webhookFixture();
    const { receiver, updates } = receiverFor(f);
    const signed = f.fake.webhooks.sign(mintEvent());
    await receiver.handle(signed.body);
    await expect(receiver.handle(signed.body)).resolves.toMatchObject({
      kind: 'duplicate',
      by: 'message-id',
    });
    expect(updates).toHaveLength(1);
  });

  it('the same event_id under a new MessageId is a duplicate', async () => {
    const f = webhookFixture();
    const { receiver, updates } = receiverFor(f);
    const event = mintEvent();
    const a = f.fake.webhooks.sign(event);
    const b = f.fake.webhooks.sign(event);
    expect(a.messageId).not.toBe(b.messageId);
    await receiver.handle(a.body);
    await expect(receiver.handle(b.body)).resolves.toMatchObject({ kind: 'duplicate', by: 'event-id' });
    expect(updates).toHaveLength(1);
  });

  it('forgets the oldest ids beyond dedupeSize', async () => {
    const f = webhookFixture();
    const { receiver, updates } = receiverFor(f, { dedupeSize: 2 });
    const first = f.fake.webhooks.sign(mintEvent());
    await receiver.handle(first.body);
    await receiver.handle(f.fake.webhooks.sign(mintEvent()).body);
    await receiver.handle(f.fake.webhooks.sign(mintEvent()).body);
    await expect(receiver.handle(first.body)).resolves.toMatchObject({ kind: 'mint-request-updated' });
    expect(updates).toHaveLength(4);
  });

  it('ignores unknown event names and unknown statuses; hands other known events to onEvent', async () => {
    const f = webhookFixture();
    const onEvent = vi.fn();
    const { receiver, updates } = receiverFor(f, { onEvent });
    const unknown = { ...mintEvent(), event_name: 'imtbl_zkevm_something_new' };
    await expect(receiver.handle(f.fake.webhooks.sign(unknown).body)).resolves.toMatchObject({
      kind: 'ignored',
      reason: 'unknown-event',
      eventName: 'imtbl_zkevm_something_new',
    });
    await expect(
      receiver.handle(f.fake.webhooks.sign(mintEvent({ status: 'queued' })).body),
    ).resolves.toMatchObject({
      kind: 'ignored',
      reason: 'unknown-status',
    });
    const nft = { ...mintEvent(), event_name: 'imtbl_zkevm_nft_updated', data: { token_id: '1' } };
    await expect(receiver.handle(f.fake.webhooks.sign(nft).body)).resolves.toMatchObject({ kind: 'event' });
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ event_id: nft.event_id }));
    expect(updates).toEqual([]);
  });

  it('refuses malformed events with typed errors', async () => {
    const f = webhookFixture();
    const { receiver, updates } = receiverFor(f);
    const sign = (m: Parameters<typeof f.fake.webhooks.sign>[0]) => f.fake.webhooks.sign(m).body;
    await expectWebhookError(() => receiver.handle(sign('not json')), 'MALFORMED_BODY');
    await expectWebhookError(() => receiver.handle(sign('{"event_name":"x"}')), 'MALFORMED_BODY');
    await expectWebhookError(
      () => receiver.handle(sign(mintEvent({ reference_id: undefined }))),
      'MALFORMED_BODY',
    );
    await expectWebhookError(
      () => receiver.handle(sign(mintEvent({ contract_address: undefined }))),
      'MALFORMED_BODY',
    );
    await expectWebhookError(() => receiver.handle(sign(mintEvent({ amount: '-1' }))), 'MALFORMED_BODY');
    await expectWebhookError(() => receiver.handle('{"Type":'), 'MALFORMED_BODY');
    await expectWebhookError(() => receiver.handle(new Uint8Array([0xff, 0xfe])), 'MALFORMED_BODY');
    const parsed = JSON.parse(sign(mintEvent())) as unknown as string;
    const err = await expectWebhookError(() => receiver.handle(parsed), 'MALFORMED_BODY');
    expect(err.message).toMatch(/text\/plain/);
    expect(updates).toEqual([]);
  });

  it('refuses a body over maxBodyBytes before parsing it', async () => {
    const f = webhookFixture();
    const { receiver } = receiverFor(f, { maxBodyBytes: 1024 });
    await expectWebhookError(() => receiver.handle('x'.repeat(1025)), 'BODY_TOO_LARGE');
    await expectWebhookError(() => receiver.handle(new Uint8Array(1025)), 'BODY_TOO_LARGE');
    const big = createWebhookReceiver(f.verifierOptions);
    await expectWebhookError(() => big.handle(' '.repeat(256 * 1024 + 1)), 'BODY_TOO_LARGE');
  });

  it('rejects forged deliveries without calling back', async () => {
    const f = webhookFixture();
    const { receiver, updates } = receiverFor(f);
    const event = mintEvent();
    await expectWebhookError(
      () => receiver.handle(f.fake.webhooks.forge(event, 'signature').body),
      'BAD_SIGNATURE',
    );
    await expectWebhookError(
      () => receiver.handle(f.fake.webhooks.forge(event, 'message').body),
      'BAD_SIGNATURE',
    );
    await expectWebhookError(() => receiver.handle(f.fake.webhooks.forge(event, 'topic').body), 'BAD_TOPIC');
    // A refused copy must not poison the dedupe: the genuine one still applies.
    await expect(receiver.handle(f.fake.webhooks.sign(event).body)).resolves.toMatchObject({
      kind: 'mint-request-updated',
    });
    expect(updates).toHaveLength(1);
  });

  it('a throwing callback rejects and leaves the message retryable', async () => {
    const f = webhookFixture();
    let fail = true;
    const { receiver } = receiverFor(f, {
      onMintRequestUpdated: () => {
        if (fail) throw new Error('db down');
      },
    });
    const signed = f.fake.webhooks.sign(mintEvent());
    await expect(receiver.handle(signed.body)).rejects.toThrow('db down');
    fail = false;
    await expect(receiver.handle(signed.body)).resolves.toMatchObject({ kind: 'mint-request-updated' });
  });
});

describe('webhook receiver: subscription confirmation', () => {
  it('awaits the SubscribeURL GET and reports the outcome', async () => {
    const f = webhookFixture();
    const { receiver, confirmFetch, onConfirmation } = receiverFor(f);
    let result: unknown;
    const sub = f.fake.webhooks.subscribe(async (request) => {
      result = await receiver.handle(await request.text(), Object.fromEntries(request.headers));
      return new Response(null, { status: 200 });
    });
    await f.fake.webhooks.flush();
    expect(result).toMatchObject({ kind: 'subscription-confirmed', topicArn: f.fake.webhooks.topicArn });
    expect(confirmFetch).toHaveBeenCalledTimes(1);
    expect(f.fake.webhooks.confirmed(sub.id)).toBe(true);
    expect(onConfirmation).toHaveBeenCalledWith(expect.objectContaining({ confirmed: true, status: 200 }));
  });

  it('reports a failed confirmation (non-2xx) instead of swallowing it', async () => {
    const f = webhookFixture();
    const { receiver, onConfirmation } = receiverFor(f, {
      fetch: (async () => new Response('no', { status: 500 })) as typeof fetch,
    });
    const sub = f.fake.webhooks.subscribe(async (request) => {
      const r = await receiver.handle(await request.text());
      expect(r).toMatchObject({ kind: 'subscription-failed', error: { code: 'SUBSCRIPTION_FAILED' } });
      return new Response(null, { status: 200 });
    });
    await f.fake.webhooks.flush();
    expect(f.fake.webhooks.confirmed(sub.id)).toBe(false);
    expect(onConfirmation).toHaveBeenCalledWith(
      expect.objectContaining({
        confirmed: false,
        error: expect.objectContaining({ code: 'SUBSCRIPTION_FAILED' }),
      }),
    );
  });

  it('never fetches a SubscribeURL outside the allowed hosts (default rules)', async () => {
    const f = webhookFixture();
    const spy = vi.fn(async () => new Response('ok'));
    const { receiver } = receiverFor(f, {
      fetch: spy as unknown as typeof fetch,
      allowedSubscribeUrl: undefined,
    });
    const results: unknown[] = [];
    f.fake.webhooks.subscribe(async (request) => {
      results.push(await receiver.handle(await request.text()));
      return new Response(null, { status: 200 });
    });
    await f.fake.webhooks.flush();
    expect(results).toEqual([expect.objectContaining({ kind: 'subscription-failed' })]);
    expect((results[0] as { error: { code: string } }).error.code).toBe('BAD_SUBSCRIBE_URL');
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('webhook receiver end to end with the fake API', () => {
  it('sees pending then succeeded exactly once each under duplicates and reordering', async () => {
    const f = webhookFixture({ seed: 42 });
    const { updates, handler } = receiverFor(f);
    f.fake.webhooks.subscribe(handler, {
      signatureVersion: '1',
      events: ['imtbl_zkevm_mint_request_updated'],
    });
    await f.fake.webhooks.flush();
    f.fake.webhooks.knobs.duplicateRate = 1;
    const res = await f.fake.fetch(
      `${f.fake.baseUrl}/v1/chains/${f.fake.chainName}/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-immutable-api-key': f.fake.apiKey },
        body: JSON.stringify({
          assets: [
            { reference_id: 'e2e-1', owner_address: '0x0000000000000000000000000000000000000a11' },
            { reference_id: 'e2e-2', owner_address: '0x0000000000000000000000000000000000000a11' },
          ],
        }),
      },
    );
    expect(res.status).toBe(202);
    await f.fake.webhooks.flush();
    f.fake.webhooks.knobs.reorder = true;
    await f.fake.settle();
    await f.fake.webhooks.flush();
    const seen = updates.map((u) => `${u.referenceId}:${u.status}`).sort();
    expect(seen).toEqual(['e2e-1:pending', 'e2e-1:succeeded', 'e2e-2:pending', 'e2e-2:succeeded']);
    const delivered = f.fake.webhooks.deliveries.filter(
      (d) => d.event === 'imtbl_zkevm_mint_request_updated',
    );
    expect(delivered).toHaveLength(8);
    expect(delivered.every((d) => d.status === 200)).toBe(true);
  });
});

describe('webhook receiver (HMAC)', () => {
  it('verifies x-immutable-signature and refuses a wrong or missing one', async () => {
    const f = webhookFixture();
    const updates: StatusUpdate[] = [];
    const receiver = createWebhookReceiver({
      mode: 'hmac',
      hmacSecret: ['old-secret', 'whsec_1'],
      onMintRequestUpdated: (u) => {
        updates.push(u);
      },
    });
    const captured: Array<{ body: string; headers: Record<string, string> }> = [];
    f.fake.webhooks.subscribe(
      async (request) => {
        captured.push({ body: await request.text(), headers: Object.fromEntries(request.headers) });
        return new Response(null, { status: 200 });
      },
      { mode: 'hmac', secret: 'whsec_1' },
    );
    f.fake.webhooks.publish(mintEvent());
    await f.fake.webhooks.flush();
    const { body, headers } = captured[0]!;
    await expect(receiver.handle(body, headers)).resolves.toMatchObject({ kind: 'mint-request-updated' });
    await expect(receiver.handle(Buffer.from(body), headers)).resolves.toMatchObject({ kind: 'duplicate' });
    const sig = headers['x-immutable-signature']!;
    await expect(
      receiver.handle(body.replace('"succeeded"', '"failed"'), { 'X-Immutable-Signature': sig }),
    ).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
    await expect(receiver.handle(body, {})).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
    await expect(receiver.handle(body, { 'x-immutable-signature': 'ab'.repeat(32) })).rejects.toMatchObject({
      code: 'BAD_SIGNATURE',
    });
    expect(updates).toHaveLength(1);
    expect(() => createWebhookReceiver({ mode: 'hmac' })).toThrow(/hmacSecret/);
  });
});
