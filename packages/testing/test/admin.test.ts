import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeImmutableApi, type FakeImmutableApi } from '../src/create-fake-immutable-api.js';
import { FAKE_ERC721_ADDRESS } from '../src/model/constants.js';
import { erc721Assets, facadeClient } from './helpers/facade-transports.js';

// Admin routes are for out-of-process control, so they are tested over real HTTP.
describe('admin routes /_fake/...', () => {
  let fake: FakeImmutableApi;
  let server: { url: string; close(): Promise<void> };
  let api: ReturnType<typeof facadeClient>;
  beforeEach(async () => {
    fake = createFakeImmutableApi({ latencyMs: null });
    server = await fake.listen();
    api = facadeClient({ fetch: globalThis.fetch, baseUrl: server.url }, fake);
  });
  afterEach(() => server.close());

  it('POST /_fake/settle settles pending mints (optionally filtered) and answers the count', async () => {
    await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(3));
    const res = await api.admin('POST', 'settle', {
      referenceIds: ['ref-0'],
      outcome: 'failed',
      message: 'boom',
    });
    expect(await res.json()).toEqual({ settled: 1 });
    expect(fake.mintRequests({ status: 'failed' })).toHaveLength(1);
    expect(await (await api.admin('POST', 'settle')).json()).toEqual({ settled: 2 });
  });

  it('POST /_fake/advance moves the clock (auto-settle fires)', async () => {
    fake = createFakeImmutableApi({ latencyMs: 1000 });
    await server.close();
    server = await fake.listen();
    api = facadeClient({ fetch: globalThis.fetch, baseUrl: server.url }, fake);
    const before = fake.clock.now();
    await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1));
    const res = await api.admin('POST', 'advance', { ms: 1000 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      now: before + 1000,
      mintRequests: { succeeded: 1, pending: 0 },
    });
  });

  it('POST /_fake/faults scripts faults (path as a regex source); DELETE clears them', async () => {
    const created = await api.admin('POST', 'faults', {
      count: 2,
      fault: { status: 502 },
      match: { method: 'POST', path: 'mint-requests$' },
    });
    expect(created.status).toBe(201);
    expect((await api.status(FAKE_ERC721_ADDRESS, 'x')).status).toBe(200);
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1))).status).toBe(502);
    expect((await api.admin('DELETE', 'faults')).status).toBe(204);
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1))).status).toBe(202);
  });

  it('rejects a malformed admin body with 400 and an unknown route with 404', async () => {
    const bad = await api.admin('POST', 'faults', { fault: { status: 'x' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect((await api.admin('POST', 'advance', { ms: -1 })).status).toBe(400);
    expect((await api.admin('GET', 'nope')).status).toBe(404);
  });

  it('GET /_fake/mint-requests filters by status; GET /_fake/state counts', async () => {
    await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(2));
    await fake.settle({ referenceIds: ['ref-0'] });
    const pending = (await (await api.admin('GET', 'mint-requests?status=pending')).json()) as {
      result: unknown[];
    };
    expect(pending.result).toHaveLength(1);
    expect(pending.result[0]).toMatchObject({ referenceId: 'ref-1' });
    const state = await (await api.admin('GET', 'state')).json();
    expect(state).toMatchObject({ requests: 1, mintRequests: { pending: 1, succeeded: 1, failed: 0 } });
    expect((await api.admin('GET', 'mint-requests?status=bogus')).status).toBe(400);
  });

  it('POST /_fake/reset forgets everything; admin calls are never recorded', async () => {
    await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(2));
    expect((await api.admin('POST', 'reset')).status).toBe(204);
    expect(fake.mintRequests()).toHaveLength(0);
    expect(fake.requests).toHaveLength(0);
    await api.admin('GET', 'state');
    expect(fake.requests).toHaveLength(0);
  });

  it('admin routes are not subject to faults', async () => {
    fake.faults.next(5, { status: 500 });
    expect((await api.admin('GET', 'state')).status).toBe(200);
  });

  it('POST /_fake/webhooks/subscribe delivers a SubscriptionConfirmation whose SubscribeURL the fake answers', async () => {
    const received: Array<Record<string, string>> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => {
        body += c;
      });
      req.on('end', () => {
        received.push(JSON.parse(body) as Record<string, string>);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const res = await api.admin('POST', 'webhooks/subscribe', { url: `http://127.0.0.1:${port}/hook` });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      await fake.webhooks.flush();
      expect(received[0]).toMatchObject({ Type: 'SubscriptionConfirmation' });
      expect(fake.webhooks.confirmed(id)).toBe(false);
      const subscribeUrl = new URL(received[0]!.SubscribeURL!);
      const confirm = await fetch(`${server.url}${subscribeUrl.pathname}${subscribeUrl.search}`);
      expect(confirm.status).toBe(200);
      expect(fake.webhooks.confirmed(id)).toBe(true);
      expect((await api.admin('POST', 'webhooks/subscribe', { url: 'not a url' })).status).toBe(400);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('GET /_fake/sns-cert.pem serves the webhook signing certificate', async () => {
    const res = await api.admin('GET', 'sns-cert.pem');
    expect(res.status).toBe(200);
    const pem = await res.text();
    expect(pem).toBe(fake.webhooks.certificatePem);
    expect(pem).toContain('BEGIN CERTIFICATE');
  });
});
