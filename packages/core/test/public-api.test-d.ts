import { describe, expectTypeOf, it } from 'vitest';
import {
  type ConflictError,
  createMinter,
  type MintAsset,
  type MinterOptions,
  type MintOutcome,
  type MintReceipt,
  type SubmitOutcome,
} from '../src/index.js';

const minter = createMinter({ apiKey: 'k' });

describe('public types', () => {
  it('types events per name', () => {
    minter.on('minted', (e) => {
      expectTypeOf(e.tokenId).toEqualTypeOf<string>();
      expectTypeOf(e.activityId).toEqualTypeOf<string | null>();
    });
    minter.on('rateLimited', (e) => {
      expectTypeOf(e.scope).toEqualTypeOf<'mint' | 'refresh'>();
      expectTypeOf(e.resetAt).toEqualTypeOf<Date | null>();
    });
    minter.on('paused', (e) => expectTypeOf(e.reason).toEqualTypeOf<'auth' | 'rate-limit'>());
    // @ts-expect-error: unknown event
    minter.on('mined', () => {});
  });

  it('types hooks per name', () => {
    minter.hooks.before('enqueue', (ctx) => {
      expectTypeOf(ctx.asset).toEqualTypeOf<MintAsset>();
      expectTypeOf(ctx.contractType).toEqualTypeOf<'ERC721' | 'ERC1155'>();
    });
    minter.hooks.error('submit', (_error, ctx) => {
      expectTypeOf(ctx.assets).toEqualTypeOf<MintAsset[]>();
      return { retry: ctx.assets };
    });
    minter.hooks.after('submit', (result) => {
      expectTypeOf(result).toEqualTypeOf<SubmitOutcome>();
    });
    minter.hooks.wrap('request', async (next, ctx) => {
      expectTypeOf(ctx.url).toEqualTypeOf<string>();
      return next(ctx);
    });
    // @ts-expect-error: a submit error hook cannot return a Response
    minter.hooks.error('submit', () => new Response());
    const off = minter.hooks.after('outcome', () => {});
    expectTypeOf(off).toEqualTypeOf<() => void>();
  });

  it('types mint, receipts and options', () => {
    expectTypeOf(minter.mint('0x', { referenceId: 'r', owner: '0x' })).toEqualTypeOf<Promise<MintReceipt>>();
    expectTypeOf<MintReceipt['settled']>().toEqualTypeOf<Promise<MintOutcome>>();
    // @ts-expect-error: owner is required
    minter.mint('0x', { referenceId: 'r' });
    expectTypeOf<MinterOptions['tier']>().toEqualTypeOf<
      'standard' | 'partner' | { ratePerMinute: number; burst: number } | undefined
    >();
    // @ts-expect-error: environment must be a known name or { baseUrl, chainName }
    createMinter({ apiKey: 'k', environment: 'staging' });
    expectTypeOf<ConflictError['kind']>().toEqualTypeOf<
      'reference_id' | 'token_id' | 'metadata' | 'unknown'
    >();
  });
});
