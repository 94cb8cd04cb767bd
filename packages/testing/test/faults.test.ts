import { describe, expect, it } from 'vitest';
import { createFakeImmutableApi } from '../src/create-fake-immutable-api.js';
import { FAKE_ERC721_ADDRESS } from '../src/model/constants.js';
import { erc721Assets, facadeClient } from './helpers/facade-transports.js';

function setup(options: Parameters<typeof createFakeImmutableApi>[0] = {}) {
  const fake = createFakeImmutableApi({ latencyMs: null, ...options });
  return { fake, api: facadeClient({ fetch: fake.fetch, baseUrl: fake.baseUrl }, fake) };
}

describe('faults.next (scripted)', () => {
  it('answers the next N matching requests with the status and an error envelope; the model never sees them', async () => {
    const { fake, api } = setup();
    fake.faults.next(2, { status: 503 }, { method: 'POST', path: /mint-requests$/ });
    for (const prefix of ['a', 'b']) {
      const res = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1, prefix));
      expect(res.status).toBe(503);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', link: expect.any(String), details: null });
      expect(body.trace_id).toBe(res.headers.get('x-trace-id'));
    }
    expect(fake.mintRequests()).toHaveLength(0);
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1, 'c'))).status).toBe(202);
    expect(fake.requests.map((r) => [r.status, r.fault])).toEqual([
      [503, 'status'],
      [503, 'status'],
      [202, undefined],
    ]);
  });

  it('leaves requests that do not match alone', async () => {
    const { fake, api } = setup();
    fake.faults.next(1, { status: 500 }, { method: 'POST' });
    expect((await api.status(FAKE_ERC721_ADDRESS, 'x')).status).toBe(200);
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1))).status).toBe(500);
  });

  it('uses a custom body and headers (a 429 with Retry-After)', async () => {
    const { fake, api } = setup();
    fake.faults.next(1, { status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '7' } });
    const res = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ message: 'slow down' });
  });

  it('after: true applies the mint to the model but the client sees the 503', async () => {
    const { fake, api } = setup();
    fake.faults.next(1, { status: 503, after: true });
    expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1))).status).toBe(503);
    expect(fake.mintRequests({ status: 'pending' })).toHaveLength(1);
    // The client's retry with the same reference_id learns the truth: 409.
    const retry = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1));
    expect(retry.status).toBe(409);
    expect(fake.requests[0]?.fault).toBe('status-after');
  });

  it('reset over fetch rejects like undici: TypeError with cause.code ECONNRESET', async () => {
    const { fake, api } = setup();
    fake.faults.next(1, { reset: true });
    const error = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).cause).toMatchObject({ code: 'ECONNRESET' });
    expect(fake.mintRequests()).toHaveLength(0);
    expect(fake.requests[0]).toMatchObject({ status: 0, fault: 'reset' });
  });

  it('reset with after: true keeps the mint', async () => {
    const { fake, api } = setup();
    fake.faults.next(1, { reset: true, after: true });
    await expect(api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1))).rejects.toThrow(TypeError);
    expect(fake.mintRequests()).toHaveLength(1);
  });

  it('reset over listen() destroys the socket', async () => {
    const { fake } = setup();
    const server = await fake.listen();
    try {
      fake.faults.next(1, { reset: true });
      const api = facadeClient({ fetch: globalThis.fetch, baseUrl: server.url }, fake);
      const error = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(fake.mintRequests()).toHaveLength(0);
      expect((await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1))).status).toBe(202);
    } finally {
      await server.close();
    }
  });

  it('hangMs answers only once the clock has advanced that far, then reaches the model', async () => {
    const { fake, api } = setup();
    fake.faults.next(1, { hangMs: 10_000 });
    let status: number | undefined;
    const pending = api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1)).then((r) => {
      status = r.status;
    });
    await fake.advanceTime(9_999);
    expect(status).toBeUndefined();
    expect(fake.mintRequests()).toHaveLength(0);
    await fake.advanceTime(1);
    await pending;
    expect(status).toBe(202);
    expect(fake.requests[0]?.fault).toBe('hang');
  });

  it('a hang honours the request signal (a client timeout aborts it)', async () => {
    const { fake } = setup();
    fake.faults.next(1, { hangMs: 60_000 });
    const controller = new AbortController();
    const call = fake.fetch(`${fake.baseUrl}/v1/chains`, { signal: controller.signal });
    await fake.advanceTime(1_000);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.clock.pending()).toBe(0);
    expect(fake.requests[0]).toMatchObject({ status: 0, fault: 'aborted' });
  });

  it('a hang over listen() is cancelled when the client disconnects', async () => {
    const { fake } = setup();
    const server = await fake.listen();
    try {
      fake.faults.next(1, { hangMs: 60_000 });
      const controller = new AbortController();
      const call = globalThis.fetch(`${server.url}/v1/chains`, { signal: controller.signal });
      await expect.poll(() => fake.clock.pending()).toBe(1);
      controller.abort();
      await expect(call).rejects.toMatchObject({ name: 'AbortError' });
      await expect.poll(() => fake.clock.pending()).toBe(0);
      expect(fake.requests[0]?.fault).toBe('aborted');
    } finally {
      await server.close();
    }
  });

  it('validates scripted faults', () => {
    const { fake } = setup();
    expect(() => fake.faults.next(0, { status: 503 })).toThrow();
    expect(() => fake.faults.next(1, { status: 42 })).toThrow();
  });
});

describe('faults.random (seeded)', () => {
  async function run(seed: number) {
    const { fake } = setup();
    fake.faults.random({ seed, status5xx: 0.3, reset: 0.2 });
    const outcomes: Array<number | string> = [];
    for (let i = 0; i < 40; i++) {
      outcomes.push(
        await fake.fetch(`${fake.baseUrl}/v1/chains`).then(
          (r) => r.status,
          () => 'reset',
        ),
      );
    }
    return outcomes;
  }

  it('is reproducible for a seed and different for another', async () => {
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    expect(await run(43)).not.toEqual(a);
    expect(a.filter((o) => o === 'reset').length).toBeGreaterThan(0);
    expect(a.filter((o) => typeof o === 'number' && o >= 500).length).toBeGreaterThan(0);
    expect(a.filter((o) => o === 200).length).toBeGreaterThan(0);
  });

  it('random 5xx never reach the model', async () => {
    const { fake, api } = setup();
    fake.faults.random({ seed: 3, status5xx: 0.5 });
    const accepted: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(1, `r${i}`, i + 1));
      if (res.status === 202) accepted.push(`r${i}-0`);
      else expect(res.status).toBeGreaterThanOrEqual(500);
    }
    expect(accepted.length).toBeLessThan(20);
    expect(
      fake
        .mintRequests()
        .map((r) => r.referenceId)
        .sort(),
    ).toEqual(accepted.sort());
  });

  it('rateLimitStorm answers runs of 429 with Retry-After', async () => {
    const { fake } = setup();
    fake.faults.random({ seed: 1, rateLimitStorm: { rate: 1, length: 3, retryAfterSeconds: 2.5 } });
    const res = await fake.fetch(`${fake.baseUrl}/v1/chains`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS_ERROR' });
  });

  it('clear() removes scripted and random faults', async () => {
    const { fake } = setup();
    fake.faults.next(5, { status: 500 });
    fake.faults.random({ status5xx: 1 });
    fake.faults.clear();
    expect((await fake.fetch(`${fake.baseUrl}/v1/chains`)).status).toBe(200);
  });
});
