import { describe, expect, it } from 'vitest';
import { referenceIdFrom } from '../src/index.js';

describe('referenceIdFrom', () => {
  it('is deterministic, prefixed, and separates parts unambiguously', () => {
    const id = referenceIdFrom('quest', 'player-1', 42);
    expect(id).toBe(referenceIdFrom('quest', 'player-1', 42));
    expect(id).toMatch(/^mk-[0-9a-f]{32}$/);
    expect(referenceIdFrom('ab', 'c')).not.toBe(referenceIdFrom('a', 'bc'));
    expect(referenceIdFrom(1)).not.toBe(referenceIdFrom('1'));
    expect(referenceIdFrom(1n)).not.toBe(referenceIdFrom('1n'));
    expect(() => referenceIdFrom()).toThrow(TypeError);
  });
});
