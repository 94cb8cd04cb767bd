import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/errors.js';
import { mintAssetInputSchema } from '../src/validate/schemas.js';
import { toValidationError, validateAsset } from '../src/validate/validate-asset.js';

const OWNER = '0x00000000000000000000000000000000000a11ce';

/** What validateAsset threw (or null), as field + message: the fast path must not change either. */
const outcome = (input: unknown, type: 'ERC721' | 'ERC1155' | undefined) => {
  try {
    return { asset: validateAsset(input, type) };
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    return { field: e.field, message: e.message };
  }
};

describe('validateAsset fast path for { referenceId, owner }', () => {
  it('returns exactly what the zod schema returns for plain assets', () => {
    const inputs = [
      { referenceId: 'a', owner: OWNER },
      { referenceId: 'x'.repeat(256), owner: OWNER.toUpperCase().replace('0X', '0x') },
      { referenceId: 'r1', owner: OWNER, extra: 1, nested: { a: 1 } },
    ];
    for (const input of inputs) {
      for (const type of ['ERC721', undefined] as const) {
        const got = validateAsset(input, type);
        expect(got).toStrictEqual(mintAssetInputSchema.parse(input));
        expect(Object.keys(got)).toEqual(['referenceId', 'owner']);
        expect(got).not.toBe(input);
      }
    }
  });

  it('leaves explicit optional keys, ERC-1155 and every invalid input to zod, with the same errors', () => {
    const cases: Array<[unknown, 'ERC721' | 'ERC1155' | undefined]> = [
      [{ referenceId: 'a', owner: OWNER, tokenId: undefined }, 'ERC721'],
      [{ referenceId: 'a', owner: OWNER }, 'ERC1155'],
      [{ referenceId: '', owner: OWNER }, undefined],
      [{ referenceId: 'x'.repeat(257), owner: OWNER }, undefined],
      [{ referenceId: 'a', owner: '0x123' }, undefined],
      [{ referenceId: 'a', owner: `${OWNER}\n` }, undefined],
      [{ referenceId: 1, owner: OWNER }, undefined],
      [{ owner: OWNER }, undefined],
      [[], undefined],
      [null, undefined],
      ['a', undefined],
    ];
    for (const [input, type] of cases) {
      const parsed = mintAssetInputSchema.safeParse(input);
      const got = outcome(input, type);
      if (parsed.success && type !== 'ERC1155') {
        expect(got).toStrictEqual({ asset: parsed.data });
      } else if (!parsed.success) {
        const expected = toValidationError('asset', parsed.error);
        expect(got).toEqual({ field: expected.field, message: expected.message });
      }
    }
    expect(outcome({ referenceId: 'a', owner: OWNER }, 'ERC1155')).toEqual({
      field: 'asset.tokenId',
      message: expect.stringContaining('is required for an ERC-1155 collection'),
    });
    expect(outcome({ referenceId: 'a', owner: '0x123' }, undefined)).toEqual({
      field: 'asset.owner',
      message: expect.stringContaining('must be 0x followed by 40 hex characters'),
    });
    expect(outcome({ referenceId: 'x'.repeat(257), owner: OWNER }, 'ERC721')).toEqual({
      field: 'asset.referenceId',
      message: expect.stringContaining('is longer than 256 characters'),
    });
  });
});
