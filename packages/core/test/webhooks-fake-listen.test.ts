import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS, type FakeImmutableApi } from '@mintkit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createMinter, type MinterOptions, nodeHttpWebhookHandler } from '../src/index.js';
import { owner } from './helpers/setup.js';

type WebhookOptions = NonNullable<MinterOptions['webhooks']>;

// Real sockets on 127.0.0.1 and the real clock: the fake over listen(), a minter whose
// nodeHttpWebhookHandler is the subscription's target. Waits are on events (flush, settled).
describe('core receiver ← fake webhooks over loopback', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function start(webhooks: (fake: FakeImmutableApi, fakeUrl: string) => WebhookOptions) {
    const fake = createFakeImmutableApi({ clock: 'real', latencyMs: null });
    const server = await fake.listen();
    cleanup.push(() => server.close());
    const minter = createMinter({
      apiKey: fake.apiKey,
      environment: { baseUrl: server.url, chainName: fake.chainName },
      tracking: { polling: false },
      webhooks: webhooks(fake, server.url),
    });
    cleanup.push(() => minter.close());
    const errors: unknown[] = [];
    minter.on('error', (e) => void errors.push(e));
    const receiver = createServer(nodeHttpWebhookHandler(minter.webhooks));
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          receiver.close(() => resolve());
          receiver.closeAllConnections();
        }),
    );
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
    return { fake, minter, errors, receiverUrl };
  }

  it('with verifierOptions() and allowedSubscribeUrl the minter confirms over HTTP and settles by webhook', async () => {
    const { fake, minter, errors, receiverUrl } = await start((f, fakeUrl) => ({
      ...f.webhooks.verifierOptions(),
      allowedSubscribeUrl: (url) => url.startsWith(`${fakeUrl}/_fake/webhooks/confirm?`),
    }));
    const sub = fake.webhooks.subscribe(receiverUrl);
    // flush() awaits the receiver's answer, which comes after its GET of the SubscribeURL.
    await fake.webhooks.flush();
    expect(errors).toEqual([]);
    expect(fake.webhooks.confirmed(sub.id)).toBe(true);
    expect(fake.webhooks.deliveries).toMatchObject([{ event: 'SubscriptionConfirmation', status: 200 }]);

    const receipt = await minter.mint(FAKE_ERC721_ADDRESS, { referenceId: 'loop-1', owner: owner(7) });
    await fake.settle();
    await fake.webhooks.flush();
    // Polling is off: only the webhook can settle it.
    await expect(receipt.settled).resolves.toMatchObject({ status: 'succeeded', referenceId: 'loop-1' });
    expect(
      fake.webhooks.deliveries.filter((d) => d.event !== 'SubscriptionConfirmation').length,
    ).toBeGreaterThan(0);
    expect(fake.webhooks.deliveries.every((d) => d.status === 200)).toBe(true);
  });

  it('out of process: the certificate from /_fake/sns-cert.pem and the topic prefix are enough', async () => {
    const { fake, errors, receiverUrl } = await start((_fake, fakeUrl) => ({
      // What a receiver in another process than the fake (e.g. mintkit-fake-api) passes.
      topicArnPrefix: 'arn:aws:sns:us-east-2:783421985614:',
      fetchCertificate: async () => (await fetch(`${fakeUrl}/_fake/sns-cert.pem`)).text(),
      allowedSubscribeUrl: (url) => url.startsWith(`${fakeUrl}/_fake/webhooks/confirm?`),
    }));
    const sub = fake.webhooks.subscribe(receiverUrl, { signatureVersion: '1' });
    await fake.webhooks.flush();
    expect(errors).toEqual([]);
    expect(fake.webhooks.confirmed(sub.id)).toBe(true);
  });

  it('without allowedSubscribeUrl the loopback SubscribeURL is refused and nothing is confirmed', async () => {
    const { fake, errors, receiverUrl } = await start((f) => f.webhooks.verifierOptions());
    const sub = fake.webhooks.subscribe(receiverUrl);
    await fake.webhooks.flush();
    expect(fake.webhooks.confirmed(sub.id)).toBe(false);
    expect(errors).toMatchObject([
      { context: 'webhook subscription confirmation', error: { code: 'BAD_SUBSCRIBE_URL' } },
    ]);
  });
});
