import { describe, expect, it } from 'vitest';
import { ApiError, type Logger, NetworkError } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('status reads', () => {
  it('refuses a 200 whose body is not a mint-request list, with a typed error', async () => {
    const h = setup();
    h.fake.faults.next(1, { status: 200, body: { result: [123], page: { next_cursor: null } } });
    const error = await h.minter.status(ERC721, 'r1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE', status: 200 });
    expect((error as Error).message).toContain('result.0');
    // The same read against the real answer: not found, not an error.
    await expect(h.minter.status(ERC721, 'r1')).resolves.toBeNull();
    await h.minter.close();
  });

  it('a failed lookup after a 409 is logged, not an error event, and polling still settles the mint', async () => {
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, error() {}, warn: (m) => void warnings.push(m) };
    const h = setup({ minter: { logger } });
    const first = h.minter.mint(ERC721, { referenceId: 'r1', owner: owner(1) });
    await h.tick(5);
    await first;
    await h.fake.settle();
    // The resubmission meets a 409; the status lookup that follows answers 500.
    h.fake.faults.next(1, { status: 500 }, { method: 'GET' });
    const again = h.minter.mint(ERC721, { referenceId: 'r1', owner: owner(1) });
    await h.tick(5);
    const receipt = await again;
    expect(receipt.accepted).toBe('already-accepted');
    await h.tick(10_000); // the poller's rounds
    await expect(receipt.settled).resolves.toMatchObject({ status: 'succeeded', referenceId: 'r1' });
    expect(h.of('error')).toEqual([]);
    expect(warnings).toEqual(['status lookup after a 409 failed; polling will follow the mint']);
    await h.minter.close();
  });

  it('cuts off a response over limits.maxResponseBytes with a NetworkError', async () => {
    const h = setup({ minter: { limits: { maxResponseBytes: 1_024 } } });
    h.fake.faults.next(1, {
      status: 200,
      body: { result: [], page: { next_cursor: null }, pad: 'x'.repeat(4_096) },
    });
    await expect(h.minter.status(ERC721, 'r1')).rejects.toBeInstanceOf(NetworkError);
    await expect(h.minter.status(ERC721, 'r1')).resolves.toBeNull();
    await h.minter.close();
  });
});
