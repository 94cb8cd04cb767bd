import { MintkitError } from '@mintkit/core';

/**
 * A mint carried metadata different from what its ERC-1155 token_id was first minted with,
 * and the plugin runs with `onMetadataMismatch: 'error'`. `mint()` rejects with it before
 * anything is queued; other mints are unaffected.
 */
export class MetadataMismatchError extends MintkitError {
  override name = 'MetadataMismatchError' as const;
  readonly collection: string;
  readonly tokenId: string;
  readonly referenceId: string;

  constructor(info: { collection: string; tokenId: string; referenceId: string }) {
    super(
      'METADATA_MISMATCH',
      `metadata of ${info.referenceId} differs from the metadata token ${info.tokenId} was first minted with`,
    );
    this.collection = info.collection;
    this.tokenId = info.tokenId;
    this.referenceId = info.referenceId;
  }
}
