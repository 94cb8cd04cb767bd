import { spawn } from 'node:child_process';
import { verify, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeImmutableApi, type FakeImmutableApi } from '../src/create-fake-immutable-api.js';
import { FAKE_API_KEY, FAKE_ERC721_ADDRESS } from '../src/model/constants.js';
import { type SnsBody, stringToSign } from '../src/webhooks/sns-envelope.js';
import { erc721Assets, facadeClient } from './helpers/facade-transports.js';
import { CONFIRMATION_KEYS } from './helpers/webhooks-sns-keys.js';

/** One SNS delivery as the receiver got it, with what the SubscribeURL GET answered. */
interface ReceivedDelivery {
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  raw: string;
  confirmation?: { url: string; status: number; text: string } | { url: string; error: string };
}

/**
 * A plain node:http webhook receiver on 127.0.0.1: records every POST and, for a
 * `SubscriptionConfirmation`, GETs the `SubscribeURL` over real loopback HTTP before answering
 * 200 (as a receiver that confirms synchronously would).
 */
async function startLoopbackReceiver() {
  const received: ReceivedDelivery[] = [];
  const waiters = new Set<{ test(d: ReceivedDelivery): boolean; resolve(d: ReceivedDelivery): void }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const delivery: ReceivedDelivery = {
        headers: req.headers,
        body: JSON.parse(raw) as Record<string, unknown>,
        raw,
      };
      if (delivery.body.Type === 'SubscriptionConfirmation') {
        const url = String(delivery.body.SubscribeURL);
        // Tests reach only loopback: a regression to Immutable's host must fail, not go out.
        delivery.confirmation =
          new URL(url).hostname === '127.0.0.1'
            ? await fetch(url).then(
                async (answer) => ({ url, status: answer.status, text: await answer.text() }),
                (error: Error) => ({ url, error: error.message }),
              )
            : { url, error: 'not loopback' };
      }
      received.push(delivery);
      for (const w of waiters) {
        if (!w.test(delivery)) continue;
        waiters.delete(w);
        w.resolve(delivery);
      }
      res.writeHead(200).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /**
     * The first delivery (already received or coming) that `test` accepts. Rejects after
     * `timeoutMs`: a bound on a wait for an event, not a sleep.
     */
    next(test: (d: ReceivedDelivery) => boolean, timeoutMs = 10_000): Promise<ReceivedDelivery> {
      const seen = received.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching delivery within ${timeoutMs} ms (got ${received.length})`));
        }, timeoutMs);
        const waiter = {
          test,
          resolve: (d: ReceivedDelivery) => {
            clearTimeout(timer);
            resolve(d);
          },
        };
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The parsed `Message` of a Notification delivery. */
const messageOf = (d: ReceivedDelivery) =>
  JSON.parse(String(d.body.Message)) as { event_name: string; data: Record<string, unknown> };

/** True when `body` verifies against the fake's certificate (SignatureVersion 2: RSA-SHA256). */
function signatureHolds(fake: FakeImmutableApi, body: Record<string, unknown>): boolean {
  const { Signature, ...unsigned } = body as unknown as SnsBody;
  const key = new X509Certificate(fake.webhooks.certificatePem).publicKey;
  return verify('sha256', Buffer.from(stringToSign(unsigned), 'utf8'), key, Buffer.from(Signature, 'base64'));
}

/** Captures what an in-process subscription is sent, without a socket. */
function capture(fake: FakeImmutableApi) {
  const bodies: Array<Record<string, unknown>> = [];
  const sub = fake.webhooks.subscribe(async (request) => {
    bodies.push(JSON.parse(await request.text()) as Record<string, unknown>);
    return new Response(null, { status: 200 });
  });
  return { sub, subscribeUrl: () => new URL(String(bodies[0]?.SubscribeURL)) };
}

describe('webhooks over fake.listen()', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('a node:http receiver GETs the SubscribeURL on the listening server, is confirmed, then gets notifications', async () => {
    const fake = createFakeImmutableApi({ latencyMs: null });
    const server = await fake.listen();
    cleanup.push(() => server.close());
    const receiver = await startLoopbackReceiver();
    cleanup.push(() => receiver.close());

    const sub = fake.webhooks.subscribe(receiver.url);
    expect(fake.webhooks.confirmed(sub.id)).toBe(false);
    await fake.webhooks.flush();

    const confirmation = await receiver.next((d) => d.body.Type === 'SubscriptionConfirmation');
    const subscribeUrl = String(confirmation.body.SubscribeURL);
    expect(subscribeUrl.startsWith(`${server.url}/_fake/webhooks/confirm?`)).toBe(true);
    expect(new URL(subscribeUrl).searchParams.get('Token')).toBe(confirmation.body.Token);
    // The URL actually sent is the one covered by the signature.
    expect(signatureHolds(fake, confirmation.body)).toBe(true);
    expect(Object.keys(confirmation.body)).toEqual(CONFIRMATION_KEYS);
    expect(confirmation.confirmation).toMatchObject({ status: 200 });
    expect(confirmation.confirmation).toMatchObject({
      text: expect.stringContaining(`<SubscriptionArn>${sub.subscriptionArn}</SubscriptionArn>`),
    });
    expect(fake.webhooks.confirmed(sub.id)).toBe(true);

    const api = facadeClient({ fetch: globalThis.fetch, baseUrl: server.url }, fake);
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1, 'listen'))).status).toBe(202);
    await fake.settle();
    await fake.webhooks.flush();
    const statuses = receiver.received
      .filter((d) => d.body.Type === 'Notification')
      .map(messageOf)
      .filter((m) => m.event_name === 'imtbl_zkevm_mint_request_updated')
      .map((m) => m.data.status);
    expect(statuses).toEqual(['pending', 'succeeded']);
    expect(
      receiver.received
        .filter((d) => d.body.Type === 'Notification')
        .every((d) => signatureHolds(fake, d.body)),
    ).toBe(true);
  });

  it('the SubscribeURL follows the newest open server and falls back to baseUrl in process', async () => {
    const fake = createFakeImmutableApi({ latencyMs: null });
    const inProcess = capture(fake);
    const a = await fake.listen();
    const viaA = capture(fake);
    const b = await fake.listen();
    const viaB = capture(fake);
    await b.close();
    const afterB = capture(fake);
    await a.close();
    await a.close(); // idempotent: must not drop another server's URL
    const afterBoth = capture(fake);
    await fake.webhooks.flush();

    expect(inProcess.subscribeUrl().origin).toBe(fake.baseUrl);
    expect(viaA.subscribeUrl().origin).toBe(a.url);
    expect(viaB.subscribeUrl().origin).toBe(b.url);
    expect(afterB.subscribeUrl().origin).toBe(a.url);
    expect(afterBoth.subscribeUrl().origin).toBe(fake.baseUrl);
    for (const c of [inProcess, viaA, viaB, afterB, afterBoth])
      expect(c.subscribeUrl().pathname).toBe('/_fake/webhooks/confirm');
    // In process, fake.fetch routes the baseUrl SubscribeURL to the fake.
    expect((await fake.fetch(inProcess.subscribeUrl())).status).toBe(200);
    expect(fake.webhooks.confirmed(inProcess.sub.id)).toBe(true);
  });
});

describe('webhooks of the mintkit-fake-api process', () => {
  it('an admin subscribe from another process confirms on the CLI server and notifications follow', async () => {
    const receiver = await startLoopbackReceiver();
    const require = createRequire(import.meta.url);
    const bin = fileURLToPath(new URL('../src/mintkit-fake-api.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', require.resolve('tsx'), bin, '--port', '0', '--latency', 'manual'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = once(child, 'exit');
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          const match = /base URL:\s+(\S+)[\s\S]*topic\s+\S+\n/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      });
      expect(out).toContain(`webhooks:    POST ${url}/_fake/webhooks/subscribe`);
      expect(out).toContain(`SubscribeURL ${url}/_fake/webhooks/confirm?`);
      expect(out).toContain(`certificate  ${url}/_fake/sns-cert.pem`);

      const subscribed = await fetch(`${url}/_fake/webhooks/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url }),
      });
      expect(subscribed.status).toBe(201);
      const { subscriptionArn } = (await subscribed.json()) as { subscriptionArn: string };

      const confirmation = await receiver.next((d) => d.body.Type === 'SubscriptionConfirmation');
      expect(String(confirmation.body.SubscribeURL).startsWith(`${url}/_fake/webhooks/confirm?`)).toBe(true);
      expect(confirmation.confirmation).toMatchObject({
        status: 200,
        text: expect.stringContaining(`<SubscriptionArn>${subscriptionArn}</SubscriptionArn>`),
      });

      const mint = await fetch(
        `${url}/v1/chains/imtbl-zkevm-testnet/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-immutable-api-key': FAKE_API_KEY },
          body: JSON.stringify({ assets: erc721Assets(1, 'cli') }),
        },
      );
      expect(mint.status).toBe(202);
      expect((await fetch(`${url}/_fake/settle`, { method: 'POST' })).status).toBe(200);
      // Held back until confirmed: a notification arriving proves the confirmation took.
      const settled = await receiver.next(
        (d) => d.body.Type === 'Notification' && messageOf(d).data.status === 'succeeded',
      );
      expect(messageOf(settled).data.reference_id).toBe('cli-0');
      expect(settled.headers['x-amz-sns-subscription-arn']).toBe(subscriptionArn);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await receiver.close();
    }
  });
});
