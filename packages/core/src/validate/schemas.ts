import { z } from 'zod';

const UINT256_MAX = (1n << 256n) - 1n;

/** A uint256 as the API wants it: a decimal string without sign, leading zeros or exponent. */
export const uint256Schema = z
  .string()
  .regex(/^(0|[1-9][0-9]*)$/, 'must be a uint256 decimal string (e.g. "42")')
  .refine(
    (value) => !/^\d+$/.test(value) || (value.length <= 78 && BigInt(value) <= UINT256_MAX),
    'exceeds 2^256-1',
  );

/** `0x` + 40 hex characters (any case); shared with the per-mint fast path in validate-asset.ts. */
export const ADDRESS_PATTERN = /^0x[a-fA-F0-9]{40}$/;

/** An EVM address, `0x` + 40 hex characters (any case). */
export const addressSchema = z.string().regex(ADDRESS_PATTERN, 'must be 0x followed by 40 hex characters');

/** One metadata attribute (OpenSea style). */
export const nftMetadataAttributeSchema = z.object({
  trait_type: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]),
  display_type: z.enum(['number', 'boost_percentage', 'boost_number', 'date']).nullable().optional(),
});

/**
 * NFT metadata as the API takes it. Keys stay snake_case, as in the metadata standard the
 * marketplace reads, so a document can be passed through unchanged.
 */
export const nftMetadataSchema = z.object({
  name: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  image: z.string().nullable().optional(),
  external_url: z.string().nullable().optional(),
  animation_url: z.string().nullable().optional(),
  youtube_url: z.string().nullable().optional(),
  attributes: z.array(nftMetadataAttributeSchema).nullable().optional(),
});

/** What a caller passes to `mint()`: camelCase, translated to the API's snake_case on the wire. */
export const mintAssetInputSchema = z.object({
  referenceId: z.string().min(1, 'is required').max(256, 'is longer than 256 characters'),
  owner: addressSchema,
  tokenId: uint256Schema.optional(),
  amount: uint256Schema.optional(),
  metadata: nftMetadataSchema.optional(),
});

export type NftMetadataAttribute = z.input<typeof nftMetadataAttributeSchema>;
export type NftMetadata = z.input<typeof nftMetadataSchema>;
/** The asset a caller passes to `mint()`. */
export type MintAssetInput = z.input<typeof mintAssetInputSchema>;
/** The normalised asset that flows through the engine and the hooks. */
export interface MintAsset {
  referenceId: string;
  owner: string;
  tokenId?: string | undefined;
  amount?: string | undefined;
  metadata?: NftMetadata | undefined;
}
