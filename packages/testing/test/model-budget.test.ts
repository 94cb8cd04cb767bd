import { describe, expect, it } from 'vitest';
import { FAKE_API_KEY, FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '../src/index.js';
import { asset721, asset1155, fullMetadata, modelClient } from './helpers/model-client.js';

const batch = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => asset721(`${prefix}${i}`));

describe('mint budget: token bucket per project', () => {
  it('allows the burst, refuses the request that does not fit whole (charging nothing), refills on the clock', async () => {
    const c = modelClient({ tier: { ratePerMinute: 60, burst: 150 } });
    expect((await c.mint(FAKE_ERC721_ADDRESS, batch('a', 100))).body.imx_remaining_mint_requests).toBe('50');
    const refused = await c.mint(FAKE_ERC721_ADDRESS, batch('b', 60));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS_ERROR', details: null });
    // 10 tokens short at 1 token/s.
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(refused.headers.get('imx-mint-requests-retry-after')).toBe('10.00-seconds');
    expect(refused.headers.get('imx-remaining-mint-requests')).toBe('50');
    expect(refused.headers.get('imx-mint-requests-limit')).toBe('150');
    expect(refused.headers.get('imx-mint-requests-limit-reset')).toBe('2026-01-01 00:01:40 UTC');
    expect(c.model.mintRequests()).toHaveLength(100);
    await c.model.clock.advance(9_999);
    expect((await c.mint(FAKE_ERC721_ADDRESS, batch('b', 60))).status).toBe(429);
    await c.model.clock.advance(1);
    const ok = await c.mint(FAKE_ERC721_ADDRESS, batch('b', 60));
    expect(ok.status).toBe(202);
    expect(ok.body.imx_remaining_mint_requests).toBe('0');
    expect(c.model.assertBudgetNeverExceeded()).toEqual({ charges: 2, peak: { default: 150 } });
  });

  it('rounds Retry-After up to whole seconds', async () => {
    const c = modelClient({ tier: { ratePerMinute: 200, burst: 100 } });
    await c.mint(FAKE_ERC721_ADDRESS, batch('a', 100));
    const r = await c.mint(FAKE_ERC721_ADDRESS, batch('b', 1));
    expect(r.status).toBe(429);
    expect(r.headers.get('imx-mint-requests-retry-after')).toBe('0.30-seconds');
    expect(r.headers.get('retry-after')).toBe('1');
  });

  it('uses the documented tiers: standard 200/min burst 2000, partner 2000/min burst 20000', async () => {
    const standard = modelClient();
    expect((await standard.mint(FAKE_ERC721_ADDRESS, batch('a', 1))).body).toEqual({
      imx_mint_requests_limit: '2000',
      imx_mint_requests_limit_reset: '2026-01-01 00:00:01 UTC',
      imx_remaining_mint_requests: '1999',
      imx_mint_requests_retry_after: '0.30-seconds',
    });
    const partner = modelClient({ tier: 'partner' });
    expect((await partner.mint(FAKE_ERC721_ADDRESS, batch('a', 1))).body.imx_mint_requests_limit).toBe(
      '20000',
    );
  });

  it('sends the same values in the imx-* headers as in the 202 body', async () => {
    const c = modelClient();
    const r = await c.mint(FAKE_ERC721_ADDRESS, batch('a', 3));
    expect(r.headers.get('imx-mint-requests-limit')).toBe(r.body.imx_mint_requests_limit);
    expect(r.headers.get('imx-mint-requests-limit-reset')).toBe(r.body.imx_mint_requests_limit_reset);
    expect(r.headers.get('imx-remaining-mint-requests')).toBe(r.body.imx_remaining_mint_requests);
    expect(r.headers.get('imx-mint-requests-retry-after')).toBe(r.body.imx_mint_requests_retry_after);
  });

  it('switches to RFC 3339 and whole seconds with rateLimitValueFormat "rfc3339"', async () => {
    const c = modelClient({
      tier: { ratePerMinute: 60, burst: 100 },
      behaviour: { rateLimitValueFormat: 'rfc3339' },
    });
    const r = await c.mint(FAKE_ERC721_ADDRESS, batch('a', 3));
    expect(r.body.imx_mint_requests_limit_reset).toBe('2026-01-01T00:00:03Z');
    expect(r.body.imx_mint_requests_retry_after).toBe('3');
  });

  it('charges distinct token_ids: ERC-1155 copies of one id cost 1, ERC-721 without id cost 1 each', async () => {
    const c = modelClient();
    const r1155 = await c.mint(FAKE_ERC1155_ADDRESS, [
      asset1155('a', '1', '1000'),
      asset1155('b', '1', '5'),
      asset1155('c', '2', '1'),
    ]);
    expect(r1155.body.imx_remaining_mint_requests).toBe('1998');
    const r721 = await c.mint(FAKE_ERC721_ADDRESS, [
      asset721('x'),
      asset721('y'),
      asset721('z', { token_id: '9' }),
    ]);
    expect(r721.body.imx_remaining_mint_requests).toBe('1995');
  });

  it('charges nothing for a 400 or a 409', async () => {
    const c = modelClient();
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('a')]);
    await c.mint(FAKE_ERC721_ADDRESS, [asset721('b', { token_id: 'x' })]);
    expect((await c.mint(FAKE_ERC721_ADDRESS, [asset721('c')])).body.imx_remaining_mint_requests).toBe(
      '1998',
    );
  });

  it('keys the budget by project: keys of one project share it, another project has its own', async () => {
    const c = modelClient({
      tier: { ratePerMinute: 60, burst: 10 },
      apiKeys: [
        { key: FAKE_API_KEY, project: 'p1' },
        { key: 'sk_same_project', project: 'p1' },
        { key: 'sk_other_project', project: 'p2' },
      ],
    });
    await c.mint(FAKE_ERC721_ADDRESS, batch('a', 10));
    expect((await c.mint(FAKE_ERC721_ADDRESS, batch('b', 1), 'sk_same_project')).status).toBe(429);
    expect((await c.mint(FAKE_ERC721_ADDRESS, batch('c', 10), 'sk_other_project')).status).toBe(202);
  });
});

describe('refresh budget: hourly window', () => {
  const refresh = (c: ReturnType<typeof modelClient>, tokenIds: string[]) =>
    c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/refresh-metadata`, {
      body: { nft_metadata: tokenIds.map((token_id) => ({ token_id, ...fullMetadata('x') })) },
    });

  it('counts items per hour, answers 429 with the imx-refresh* headers, and resets on the hour', async () => {
    const c = modelClient({ refreshLimitPerHour: 5 });
    const first = await refresh(c, ['1', '2', '3']);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({
      imx_refreshes_limit: '5',
      imx_refresh_limit_reset: '2026-01-01 01:00:00 UTC',
      imx_remaining_refreshes: '2',
      retry_after: '0.00-seconds',
    });
    expect(first.headers.get('imx-remaining-refreshes')).toBe('2');
    expect(first.headers.get('imx-refreshes-limit')).toBe('5');
    expect(first.headers.get('imx-refresh-limit-reset')).toBe('2026-01-01 01:00:00 UTC');
    expect(first.headers.get('retry-after')).toBe('0.00-seconds');
    await c.model.clock.advance(30 * 60_000);
    const refused = await refresh(c, ['1', '2', '3']);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS_ERROR');
    expect(refused.headers.get('retry-after')).toBe('1800');
    expect(refused.headers.get('imx-remaining-refreshes')).toBe('2');
    expect((await refresh(c, ['1', '2'])).body.imx_remaining_refreshes).toBe('0');
    await c.model.clock.advance(30 * 60_000);
    expect((await refresh(c, ['1', '2', '3'])).body.imx_remaining_refreshes).toBe('2');
  });

  it('charges one per request with refreshCost "per-request"', async () => {
    const c = modelClient({ refreshLimitPerHour: 5, behaviour: { refreshCost: 'per-request' } });
    expect((await refresh(c, ['1', '2', '3'])).body.imx_remaining_refreshes).toBe('4');
  });
});
