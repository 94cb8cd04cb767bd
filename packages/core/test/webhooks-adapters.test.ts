import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expressWebhookHandler } from '../src/webhooks/express-handler.js';
import { fastifyWebhookPlugin } from '../src/webhooks/fastify-plugin.js';
import { nodeHttpWebhookHandler } from '../src/webhooks/node-http-handler.js';
import { createWebhookReceiver } from '../src/webhooks/webhook-receiver.js';
import { mintEvent, webhookFixture } from './helpers/webhooks-fixture.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function setup() {
  const f = webhookFixture();
  const onMintRequestUpdated = vi.fn();
  const receiver = createWebhookReceiver({ ...f.verifierOptions, onMintRequestUpdated });
  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers },
    });
  return { f, receiver, onMintRequestUpdated, post };
}

describe('nodeHttpWebhookHandler over loopback', () => {
  it('answers 200 / 200 duplicate / 403 forged / 400 malformed / 413 huge / 405 GET', async () => {
    const { f, receiver, onMintRequestUpdated, post } = setup();
    const onError = vi.fn();
    const url = await listen(
      createServer(nodeHttpWebhookHandler(receiver, { maxBodyBytes: 64 * 1024, onError })),
    );
    const good = f.fake.webhooks.sign(mintEvent());
    const ok = await post(url, good.body, good.headers);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, kind: 'mint-request-updated' });
    expect((await post(url, good.body)).status).toBe(200);
    expect(onMintRequestUpdated).toHaveBeenCalledTimes(1);
    const forged = await post(url, f.fake.webhooks.forge(mintEvent(), 'signature').body);
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ ok: false, error: 'BAD_SIGNATURE' });
    expect(
      (await post(url, f.fake.webhooks.forge(mintEvent(), { certUrl: 'http://127.0.0.1/x.pem' }).body))
        .status,
    ).toBe(403);
    expect((await post(url, '{oops')).status).toBe(400);
    expect((await post(url, 'x'.repeat(100 * 1024))).status).toBe(413);
    expect((await fetch(url)).status).toBe(405);
    expect(onError.mock.calls.map(([, r]) => r.status)).toEqual([403, 403, 400, 413, 405]);
  });

  it('answers 500 (so the sender retries) when the application callback throws', async () => {
    const f = webhookFixture();
    const receiver = createWebhookReceiver({
      ...f.verifierOptions,
      onMintRequestUpdated: () => {
        throw new Error('db down');
      },
    });
    const url = await listen(createServer(nodeHttpWebhookHandler(receiver)));
    const res = await fetch(url, { method: 'POST', body: f.fake.webhooks.sign(mintEvent()).body });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('db down');
  });

  it('receives the fake’s own deliveries over HTTP, confirmation included', async () => {
    const f = webhookFixture();
    const updates: unknown[] = [];
    const receiver = createWebhookReceiver({
      ...f.verifierOptions,
      fetch: (async (input: string | URL | Request) =>
        f.fake.webhooks.handleConfirmationRequest(new Request(String(input)))) as typeof fetch,
      allowedSubscribeUrl: (u) => u.startsWith(`${f.fake.baseUrl}/_fake/webhooks/confirm?`),
      onMintRequestUpdated: (u) => {
        updates.push(u);
      },
    });
    const url = await listen(createServer(nodeHttpWebhookHandler(receiver)));
    const sub = f.fake.webhooks.subscribe(`${url}/hook`);
    await f.fake.webhooks.flush();
    expect(f.fake.webhooks.confirmed(sub.id)).toBe(true);
    f.fake.webhooks.publish(mintEvent());
    await f.fake.webhooks.flush();
    expect(updates).toHaveLength(1);
    expect(f.fake.webhooks.deliveries.map((d) => d.status)).toEqual([200, 200]);
  });
});

describe('expressWebhookHandler', () => {
  const app = (receiver: ReturnType<typeof createWebhookReceiver>) => {
    const a = express();
    a.post('/raw', express.raw({ type: '*/*' }), expressWebhookHandler(receiver));
    a.post('/text', express.text({ type: '*/*' }), expressWebhookHandler(receiver));
    a.post('/none', expressWebhookHandler(receiver));
    a.post('/json', express.json({ type: '*/*' }), expressWebhookHandler(receiver));
    a.post('/json-default', express.json(), expressWebhookHandler(receiver));
    return createServer(a);
  };

  it.each(['raw', 'text', 'none', 'json-default'])('verifies deliveries on a %s route', async (route) => {
    const { f, receiver, onMintRequestUpdated, post } = setup();
    const url = await listen(app(receiver));
    const res = await post(`${url}/${route}`, f.fake.webhooks.sign(mintEvent()).body);
    expect(res.status).toBe(200);
    expect(onMintRequestUpdated).toHaveBeenCalledTimes(1);
    expect((await post(`${url}/${route}`, f.fake.webhooks.forge(mintEvent(), 'message').body)).status).toBe(
      403,
    );
  });

  it('refuses a body a JSON parser already consumed, saying why', async () => {
    const { f, receiver, onMintRequestUpdated, post } = setup();
    const url = await listen(app(receiver));
    const res = await post(`${url}/json`, f.fake.webhooks.sign(mintEvent()).body);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('BODY_ALREADY_PARSED');
    expect(body.message).toMatch(/text\/plain/);
    expect(body.message).toMatch(/express\.raw/);
    expect(onMintRequestUpdated).not.toHaveBeenCalled();
  });
});

describe('fastifyWebhookPlugin', () => {
  it('gets the raw body on its route, leaves JSON parsing elsewhere alone, and caps the size', async () => {
    const { f, receiver, onMintRequestUpdated } = setup();
    const app = Fastify();
    app.post('/api/echo', async (request) => ({ got: request.body }));
    await app.register(fastifyWebhookPlugin, { receiver, path: '/hooks/imx', maxBodyBytes: 8 * 1024 });
    try {
      for (const contentType of ['text/plain; charset=UTF-8', 'application/json']) {
        const res = await app.inject({
          method: 'POST',
          url: '/hooks/imx',
          headers: { 'content-type': contentType },
          payload: f.fake.webhooks.sign(mintEvent()).body,
        });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ ok: true, kind: 'mint-request-updated' });
      }
      expect(onMintRequestUpdated).toHaveBeenCalledTimes(2);
      const forged = await app.inject({
        method: 'POST',
        url: '/hooks/imx',
        headers: { 'content-type': 'text/plain' },
        payload: f.fake.webhooks.forge(mintEvent(), 'topic').body,
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.json()).toMatchObject({ error: 'BAD_TOPIC' });
      const huge = await app.inject({
        method: 'POST',
        url: '/hooks/imx',
        headers: { 'content-type': 'text/plain' },
        payload: 'x'.repeat(9 * 1024),
      });
      expect(huge.statusCode).toBe(413);
      const echo = await app.inject({ method: 'POST', url: '/api/echo', payload: { a: 1 } });
      expect(echo.json()).toEqual({ got: { a: 1 } });
    } finally {
      await app.close();
    }
  });
});
