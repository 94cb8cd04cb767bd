import { createMemoryInventoryStore } from '@mintkit/erc1155-inventory';
import { describe, expect, it } from 'vitest';

const C = '0x00000000000000000000000000000000000000aa';
const D = '0x00000000000000000000000000000000000000bb';

describe('createMemoryInventoryStore', () => {
  it('grants a claim to the first owner only, and again to that owner (retries keep their metadata)', () => {
    const store = createMemoryInventoryStore();
    expect(store.claim(C, '1', 'ref-a')).toBe(true);
    expect(store.claim(C, '1', 'ref-b')).toBe(false);
    expect(store.claim(C, '1', 'ref-a')).toBe(true);
  });

  it('keeps collections apart', () => {
    const store = createMemoryInventoryStore();
    store.add(C, '1');
    expect(store.has(C, '1')).toBe(true);
    expect(store.has(D, '1')).toBe(false);
    expect(store.claim(D, '1', 'ref-a')).toBe(true);
  });

  it('refuses every claim once the token exists', () => {
    const store = createMemoryInventoryStore();
    expect(store.claim(C, '1', 'ref-a')).toBe(true);
    store.add(C, '1');
    expect(store.claim(C, '1', 'ref-a')).toBe(false);
    expect(store.claim(C, '1', 'ref-b')).toBe(false);
  });

  it('release frees the claim only for its holder', () => {
    const store = createMemoryInventoryStore();
    store.claim(C, '1', 'ref-a');
    store.release(C, '1', 'ref-b');
    expect(store.claim(C, '1', 'ref-b')).toBe(false);
    store.release(C, '1', 'ref-a');
    expect(store.claim(C, '1', 'ref-b')).toBe(true);
  });
});
