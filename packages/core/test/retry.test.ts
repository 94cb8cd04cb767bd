import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, TimeoutError } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

const POST = { method: 'POST', path: /mint-requests$/ };

describe('retries of 5xx, timeouts and connection resets', () => {
  it('retries a 503 with exponential backoff and jitter, then succeeds', async () => {
    const h = setup({ minter: { retry: { baseMs: 100, factor: 2, maxMs: 10_000 } } });
    h.fake.faults.next(2, { status: 503 }, POST);
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    await h.tick(5);
    // random() = 0.5 → half fixed + a quarter: 75 ms, then 150 ms.
    expect(h.of('retrying').map((r) => r.delayMs)).toEqual([75]);
    await h.tick(75);
    expect(h.of('retrying').map((r) => r.delayMs)).toEqual([75, 150]);
    await h.tick(150);
    await expect(p).resolves.toMatchObject({ accepted: 'accepted' });
    expect(h.of('retrying')[0]?.error).toBeInstanceOf(ApiError);
    await h.minter.close();
  });

  it('treats a reset after the server accepted as already accepted on retry (no double mint)', async () => {
    const h = setup({ minter: { retry: { baseMs: 10 } } });
    h.fake.faults.next(1, { reset: true, after: true }, POST);
    const mints = [0, 1, 2].map((i) => h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i + 1) }));
    await h.tick(5);
    expect(h.of('retrying')[0]?.error).toBeInstanceOf(NetworkError);
    await h.tick(10);
    const receipts = await Promise.all(mints);
    expect(receipts.map((r) => r.accepted)).toEqual([
      'already-accepted',
      'already-accepted',
      'already-accepted',
    ]);
    h.fake.assertNoDuplicateMints();
    expect(h.fake.mintRequests()).toHaveLength(3);
    await h.minter.close();
  });

  it('times a hanging request out on the injected clock and retries it', async () => {
    const h = setup({ minter: { timeouts: { requestMs: 1_000 }, retry: { baseMs: 10 } } });
    h.fake.faults.next(1, { hangMs: 60_000 }, POST);
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    await h.tick(5);
    await h.tick(1_000);
    expect(h.of('retrying')[0]?.error).toBeInstanceOf(TimeoutError);
    await h.tick(10);
    await expect(p).resolves.toMatchObject({ accepted: 'accepted' });
    await h.minter.close();
  });

  it('gives up after retry.attempts: the mint rejects and failed says retryable', async () => {
    const h = setup({ minter: { retry: { attempts: 3, baseMs: 10, maxMs: 20 } } });
    h.fake.faults.next(3, { status: 500 }, POST);
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    const error = p.catch((e: unknown) => e);
    for (let i = 0; i < 5; i++) await h.tick(20);
    expect(await error).toBeInstanceOf(ApiError);
    expect(h.of('failed')).toEqual([expect.objectContaining({ referenceId: 'a', retryable: true })]);
    expect(h.fake.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
    await h.minter.close();
  });
});
