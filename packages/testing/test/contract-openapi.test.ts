import { describe, expect, it } from 'vitest';
import { FAKE_API_KEY, FAKE_ERC721_ADDRESS } from '../src/index.js';
import {
  CHAINS,
  cases,
  col,
  META,
  METAS,
  MINT,
  MINT_ONE,
  NFT,
  NFTS,
  P,
  REFRESH_ID,
  REFRESH_TOKEN,
  world,
} from './helpers/contract-cases.js';
import { assertMatchesContract, operations } from './helpers/contract-openapi.js';
import { asset721 } from './helpers/model-client.js';

describe('every route × status matches the OpenAPI subset', () => {
  it.each(cases.map((k) => [`${k.method} ${k.path.replace(P, '…')} ${k.status} (${k.name})`, k] as const))(
    '%s',
    async (_, k) => {
      const w = await world(k.options);
      const res = await k.call(w);
      expect(res.status, JSON.stringify(res.body)).toBe(k.status);
      assertMatchesContract(k.path, k.method, res);
      expect(res.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
      if (res.status >= 400) expect(res.body.trace_id).toBe(res.headers.get('x-trace-id'));
    },
  );

  it('covers every operation the fake serves, with its success and every error it can produce except 500', () => {
    const served = new Set([CHAINS, MINT, MINT_ONE, REFRESH_TOKEN, REFRESH_ID, NFT, NFTS, META, METAS]);
    for (const op of operations().filter((o) => served.has(o.path))) {
      const covered = new Set(
        cases.filter((k) => k.path === op.path && k.method === op.method).map((k) => String(k.status)),
      );
      // 500 only happens on a bug; ListChains takes no collection, so it has no 404 case.
      const expected = op.statuses.filter((s) => s !== '500' && !(op.path === CHAINS && s === '404'));
      expect([...covered].sort(), op.operationId).toEqual(
        expected.filter((s) => !(op.path === MINT_ONE && s === '400')).sort(),
      );
    }
  });

  it('answers a failure inside the model with a 500 envelope that matches the contract', async () => {
    const { c } = await world();
    const request = new Request(`${c.base}${col(FAKE_ERC721_ADDRESS, '/nfts/mint-requests')}`, {
      method: 'POST',
      headers: { 'x-immutable-api-key': FAKE_API_KEY },
      body: JSON.stringify({ assets: [asset721('x')] }),
    });
    await request.text(); // a body already read makes the model's own read throw
    const res = await c.model.handle(request);
    const body = (await res.json()) as { code: string };
    expect(res.status).toBe(500);
    expect(body.code).toBe('INTERNAL_SERVER_ERROR');
    assertMatchesContract(MINT, 'POST', { status: 500, body, headers: res.headers });
    expect(c.model.internalErrors).toHaveLength(1);
  });

  it('rejects a body that breaks the contract (the validator is not vacuous)', () => {
    const headers = new Headers();
    expect(() =>
      assertMatchesContract(MINT, 'POST', { status: 202, body: { imx_mint_requests_limit: 5 }, headers }),
    ).toThrow(/imx_mint_requests_limit/);
    expect(() =>
      assertMatchesContract(MINT, 'POST', {
        status: 429,
        body: { message: 'x', link: 'l', trace_id: 't', code: 'TOO_MANY_REQUESTS_ERROR', details: null },
        headers,
      }),
    ).toThrow(/lacks declared headers/);
    expect(() =>
      assertMatchesContract(NFT, 'GET', { status: 200, body: { result: { token_id: '1' } }, headers }),
    ).toThrow();
  });
});
