import { describe, expect, it, vi } from 'vitest';

const OWNER = `0x${'1'.padStart(40, '0')}`;
const COLLECTION = `0x${'2'.padStart(40, '0')}`;

describe('import and lifecycle on the real clock', () => {
  it('importing sets no timer; a closed minter leaves no timer of its clock pending', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const core = await import('../src/index.js');
    expect(setTimeoutSpy).not.toHaveBeenCalled();
    expect(setIntervalSpy).not.toHaveBeenCalled();
    setTimeoutSpy.mockRestore();
    setIntervalSpy.mockRestore();

    // The system clock, counting the timers it holds.
    const pending = new Set<unknown>();
    const clock = {
      now: () => core.systemClock.now(),
      setTimeout(cb: () => void, ms: number) {
        const handle = core.systemClock.setTimeout(() => {
          pending.delete(handle);
          cb();
        }, ms);
        pending.add(handle);
        return handle;
      },
      clearTimeout(handle: unknown) {
        pending.delete(handle);
        core.systemClock.clearTimeout(handle);
      },
    };
    const accepted = JSON.stringify({ imx_remaining_mint_requests: '1999' });
    const minter = core.createMinter({
      apiKey: 'key-for-lifecycle-test',
      clock,
      fetch: async () => new Response(accepted, { status: 202 }),
    });
    expect(pending.size).toBe(0);
    const receipt = minter.mint(COLLECTION, { referenceId: 'a', owner: OWNER });
    await minter.close();
    await expect(receipt).resolves.toMatchObject({ accepted: 'accepted' });
    expect(pending.size).toBe(0);
  });
});
