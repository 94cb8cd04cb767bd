import { describe, expect, it } from 'vitest';
import { metadataEqual } from '../src/metadata-equal.js';

describe('metadataEqual', () => {
  it('ignores key order, and treats missing, undefined and null alike', () => {
    expect(metadataEqual({ name: 'Potion', image: null }, { name: 'Potion' })).toBe(true);
    expect(metadataEqual({ image: 'a', name: 'b' }, { name: 'b', image: 'a', description: undefined })).toBe(
      true,
    );
  });

  it('sees a changed value, a changed attribute and attribute order', () => {
    expect(metadataEqual({ name: 'Potion' }, { name: 'Elixir' })).toBe(false);
    const a = [
      { trait_type: 'hp', value: 10 },
      { trait_type: 'mp', value: 5 },
    ];
    expect(metadataEqual({ attributes: a }, { attributes: [a[0], { trait_type: 'mp', value: 6 }] })).toBe(
      false,
    );
    expect(metadataEqual({ attributes: a }, { attributes: [...a].reverse() })).toBe(false);
  });
});
