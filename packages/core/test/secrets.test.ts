import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createMinter } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

describe('the API key never leaks', () => {
  it('is absent from errors, events, JSON and inspect output', async () => {
    const h = setup();
    const key = h.fake.apiKey;
    h.fake.faults.next(
      1,
      {
        status: 401,
        body: {
          message: `bad key ${key}`,
          code: 'UNAUTHORISED_REQUEST',
          trace_id: 't',
          link: 'l',
          details: null,
        },
      },
      { method: 'POST' },
    );
    h.fake.faults.next(
      1,
      {
        status: 400,
        body: { message: `nope ${key}`, code: 'VALIDATION_ERROR', trace_id: 't', link: 'l', details: null },
      },
      { method: 'POST' },
    );
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    const error = p.catch((e: unknown) => e);
    await h.tick(5);
    h.minter.resume();
    await h.tick(5);
    const everything = JSON.stringify({
      error: await error,
      message: ((await error) as Error).message,
      stack: ((await error) as Error).stack,
      events: h.events,
      minter: h.minter,
    });
    expect(everything).not.toContain(key);
    expect(inspect(h.minter)).not.toContain(key);
    expect(everything).toContain('[redacted]');
    await h.minter.close();
  });

  it('is not shown by an invalid-options error', () => {
    const key = 'sk_imapik-secret-abcdef';
    try {
      createMinter({ apiKey: key, environment: { baseUrl: `http://evil.example/${key}`, chainName: 'x' } });
      expect.unreachable();
    } catch (e) {
      expect(JSON.stringify(e)).not.toContain(key);
      expect(String(e)).not.toContain(key);
    }
  });
});
