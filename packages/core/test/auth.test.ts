import { describe, expect, it } from 'vitest';
import { AuthError } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('401 / 403: circuit open', () => {
  it('pauses, emits a typed error, keeps the queue, and resumes only when told', async () => {
    const h = setup();
    h.fake.faults.next(1, { status: 401 }, { method: 'POST' });
    const mints = [0, 1].map((i) => h.minter.mint(ERC721, { referenceId: `r${i}`, owner: owner(i + 1) }));
    await h.tick(5);
    expect(h.of('paused')).toEqual([{ reason: 'auth', error: expect.any(AuthError) }]);
    expect(h.of('error')).toEqual([
      { error: expect.any(AuthError), context: expect.stringContaining('auth') },
    ]);
    expect(h.minter.stats().paused).toBe('auth');
    // Time passes, more mints arrive: nothing is sent (never retried blindly).
    const later = h.minter.mint(ERC721, { referenceId: 'later', owner: owner() });
    await h.tick(60_000);
    expect(h.fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    h.minter.resume();
    await h.tick(5);
    await Promise.all([...mints, later]);
    expect(h.of('resumed')).toEqual([{ reason: 'auth' }]);
    expect(h.fake.mintRequests()).toHaveLength(3);
    await h.minter.close();
  });

  it('close() while the circuit is open refuses what waits instead of hanging', async () => {
    const h = setup();
    h.fake.faults.next(1, { status: 403 }, { method: 'POST' });
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    const error = p.catch((e: unknown) => e);
    await h.tick(5);
    await h.minter.close();
    expect(await error).toMatchObject({ name: 'AbortError' });
  });
});
