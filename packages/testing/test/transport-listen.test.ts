import { describe, expect, it } from 'vitest';
import { createFakeImmutableApi } from '../src/create-fake-immutable-api.js';
import { FAKE_ERC721_ADDRESS } from '../src/model/constants.js';
import { erc721Assets, facadeClient } from './helpers/facade-transports.js';

describe('fake.listen()', () => {
  it('binds 127.0.0.1 on a random free port by default; two servers share one fake', async () => {
    const fake = createFakeImmutableApi({ latencyMs: null });
    const a = await fake.listen();
    const b = await fake.listen();
    try {
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(a.url).not.toBe(b.url);
      const viaA = facadeClient({ fetch: globalThis.fetch, baseUrl: a.url }, fake);
      const viaB = facadeClient({ fetch: globalThis.fetch, baseUrl: b.url }, fake);
      expect((await viaA.mint(FAKE_ERC721_ADDRESS, erc721Assets(1))).status).toBe(202);
      expect((await viaB.mint(FAKE_ERC721_ADDRESS, erc721Assets(1))).status).toBe(409);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('close() resolves with keep-alive connections open and the port stops answering', async () => {
    const fake = createFakeImmutableApi();
    const server = await fake.listen();
    // Node's fetch keeps this socket alive in its pool after the response.
    expect((await fetch(`${server.url}/v1/chains`)).status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/v1/chains`)).rejects.toThrow(TypeError);
    await server.close(); // idempotent
  });

  it('close() destroys a connection whose request is still hanging', async () => {
    const fake = createFakeImmutableApi();
    const server = await fake.listen();
    fake.faults.next(1, { hangMs: 60_000 });
    const call = fetch(`${server.url}/v1/chains`);
    await expect.poll(() => fake.clock.pending()).toBe(1);
    await server.close();
    await expect(call).rejects.toThrow(TypeError);
    await expect.poll(() => fake.clock.pending()).toBe(0);
  });

  it('passes method, headers, query and body through, and returns status and headers', async () => {
    const fake = createFakeImmutableApi({ latencyMs: null });
    const server = await fake.listen();
    try {
      const api = facadeClient({ fetch: globalThis.fetch, baseUrl: server.url }, fake);
      const accepted = await api.mint(FAKE_ERC721_ADDRESS, erc721Assets(2));
      expect(accepted.status).toBe(202);
      expect(accepted.headers.get('content-type')).toContain('application/json');
      expect(accepted.headers.get('imx-remaining-mint-requests')).toBe('1998');
      const list = await fetch(
        `${server.url}/v1/chains/${fake.chainName}/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests?page_size=1`,
        { headers: { 'x-immutable-api-key': fake.apiKey } },
      );
      const page = (await list.json()) as { result: unknown[]; page: { next_cursor: string | null } };
      expect(page.result).toHaveLength(1);
      expect(page.page.next_cursor).toEqual(expect.any(String));
      expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', search: '?page_size=1', status: 200 });
    } finally {
      await server.close();
    }
  });

  it('rejects when the port is taken', async () => {
    const fake = createFakeImmutableApi();
    const first = await fake.listen();
    try {
      const port = Number(new URL(first.url).port);
      await expect(fake.listen({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
