import { describe, expect, it } from 'vitest';
import { createHooks, ValidationError } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

const ctx = { method: 'GET', url: 'u', body: undefined };
const ok = () => new Response('ok');

describe('hooks', () => {
  it('runs before, the operation, after in registration order; the first wrap is outermost', async () => {
    const hooks = createHooks();
    const log: string[] = [];
    hooks.wrap('request', async (next, c) => {
      log.push('wrap1>');
      const r = await next(c);
      log.push('<wrap1');
      return r;
    });
    hooks.wrap('request', async (next, c) => {
      log.push('wrap2>');
      const r = await next(c);
      log.push('<wrap2');
      return r;
    });
    hooks.before('request', () => void log.push('before1'));
    hooks.before('request', () => void log.push('before2'));
    hooks.after('request', () => void log.push('after1'));
    await hooks.run('request', ctx, () => {
      log.push('op');
      return ok();
    });
    expect(log).toEqual(['wrap1>', 'wrap2>', 'before1', 'before2', 'op', 'after1', '<wrap2', '<wrap1']);
  });

  it('lets an error hook recover with a value, or pass the error on; unregister removes a hook', async () => {
    const hooks = createHooks();
    const boom = new Error('boom');
    const off = hooks.error('request', () => new Response('recovered'));
    const r = await hooks.run('request', ctx, () => {
      throw boom;
    });
    expect(await r.text()).toBe('recovered');
    off();
    hooks.error('request', () => undefined);
    await expect(
      hooks.run('request', ctx, () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });

  it('enqueue: before may replace the asset or refuse it (mint rejects with the hook error)', async () => {
    const h = setup();
    h.minter.hooks.before('enqueue', (c) => {
      if (c.asset.referenceId === 'banned') throw new ValidationError('asset.owner', 'is banned');
      c.asset = { ...c.asset, metadata: { name: 'stamped' } };
    });
    const refused = h.minter.mint(ERC721, { referenceId: 'banned', owner: owner() });
    const ok1 = h.minter.mint(ERC721, { referenceId: 'fine', owner: owner() });
    await expect(refused).rejects.toThrow('is banned');
    await h.tick(5);
    await ok1;
    expect((h.fake.requests[0]?.body as { assets: unknown[] } | undefined)?.assets).toEqual([
      { reference_id: 'fine', owner_address: owner(), metadata: { name: 'stamped' } },
    ]);
    await h.minter.close();
  });

  it('outcome fires once per state; plugins run setup in order and teardown on close', async () => {
    const log: string[] = [];
    const h = setup({
      minter: {
        plugins: [
          {
            name: 'one',
            setup: (m) => {
              log.push('setup one');
              m.hooks.after('outcome', (_r, c) => void log.push(`${c.referenceId}:${c.status}`));
              return () => void log.push('teardown one');
            },
          },
          { name: 'two', setup: () => void log.push('setup two') },
        ],
      },
    });
    const p = h.minter.mint(ERC721, { referenceId: 'a', owner: owner() });
    await h.tick(5);
    await p;
    await h.minter.close();
    expect(log).toEqual(['setup one', 'setup two', 'a:accepted', 'teardown one']);
  });
});
