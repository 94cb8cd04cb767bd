import type { MintkitPlugin } from '@mintkit/core';
import {
  createMemoryInventoryStore,
  erc1155Inventory,
  type InventoryStats,
  type InventoryStore,
} from '@mintkit/erc1155-inventory';
import { describe, expect, expectTypeOf, it } from 'vitest';

// Type assertions are checked by `tsc -p packages/erc1155-inventory` (the repo has no root
// tsconfig for vitest's typecheck mode yet); at run time expectTypeOf is a no-op.
describe('public API types', () => {
  it('is a MintkitPlugin with stats()', () => {
    expectTypeOf(erc1155Inventory()).toExtend<MintkitPlugin>();
    expectTypeOf(erc1155Inventory().stats()).toEqualTypeOf<InventoryStats>();
  });

  it('accepts a store whose methods are async (a durable or shared store)', () => {
    const asyncStore: InventoryStore = {
      has: async () => false,
      add: async () => {},
      claim: async () => true,
      release: async () => {},
    };
    expectTypeOf(asyncStore).toExtend<InventoryStore>();
    expectTypeOf(createMemoryInventoryStore()).toExtend<InventoryStore>();
  });

  it('types the mismatch policy (and refuses a wrong one at run time too)', () => {
    // @ts-expect-error not a policy
    const wrong = () => erc1155Inventory({ onMetadataMismatch: 'keep' });
    expect(wrong).toThrow(/onMetadataMismatch/);
  });
});
