/**
 * Every point REFERENCE.md marks "unverified", as a named switch. Defaults are the most
 * likely reading of the evidence; tests of a client should also run with the alternatives.
 */
export interface FakeBehaviour {
  /**
   * Status for the same `reference_id` twice inside one request. The docs' error table
   * lists it under 400 VALIDATION_ERROR; REFERENCE.md §3.4 leaves 400 vs 409 open.
   * @default 400
   */
  duplicateReferenceIdInRequest: 400 | 409;
  /**
   * GET mint-requests/{reference_id} for an id never submitted: `'empty-list'` answers 200
   * `{result: []}` (what the official sample expects), `'404'` answers RESOURCE_NOT_FOUND.
   * @default 'empty-list'
   */
  unknownReferenceId: 'empty-list' | '404';
  /**
   * Resubmitting a `reference_id` whose mint is still pending: 409 CONFLICT_ERROR, or 202
   * (accepted idempotently: nothing changes, nothing is charged).
   * @default 409
   */
  resubmitPending: 409 | 202;
  /**
   * An explicit ERC-721 `token_id` already minted or pending (also twice in one request).
   * @default 409
   */
  erc721TokenIdReuse: 409 | 400;
  /**
   * `metadata` sent for an ERC-1155 `token_id` that already exists (a succeeded or pending
   * mint of it): `'conflict'` → 409, `'ignore'` → accepted, the metadata is dropped.
   * @default 'conflict'
   */
  erc1155MetadataOnExisting: 'conflict' | 'ignore';
  /**
   * `details.id` of the 409 for metadata on an existing ERC-1155 token (shape unverified).
   * @default 'metadata'
   */
  metadataConflictDetailsId: string;
  /**
   * Reject an `owner_address` that is not `0x` + 40 hex digits (400).
   * @default true
   */
  validateAddresses: boolean;
  /**
   * Metadata keys the spec does not declare: dropped silently, or 400.
   * @default 'drop'
   */
  unknownMetadataKeys: 'drop' | 'reject';
  /**
   * Format of the `imx_*` reset/retry-after values: `'docs'` = `"2024-02-13 07:20:00 UTC"` and
   * `"59.98-seconds"` (the docs' example); `'rfc3339'` = RFC 3339 and whole seconds.
   * @default 'docs'
   */
  rateLimitValueFormat: 'docs' | 'rfc3339';
  /**
   * A collection the fake does not know: 404 RESOURCE_NOT_FOUND or 403 AUTHENTICATION_ERROR.
   * @default 404
   */
  unknownCollection: 404 | 403;
  /**
   * A key-protected call on the other environment's chain name (a sandbox key on
   * `imtbl-zkevm-mainnet`): the status returned. Read routes answer 404 (no such data).
   * @default 403
   */
  chainMismatch: 401 | 403 | 404;
  /**
   * What a metadata refresh costs from the hourly refresh budget.
   * @default 'per-item'
   */
  refreshCost: 'per-item' | 'per-request';
  /**
   * Require `metadata.name` and `metadata.image` on mint (the docs' TypeScript example does;
   * the spec makes every field optional).
   * @default false
   */
  strictMetadata: boolean;
  /**
   * Echo an explicitly requested `token_id` while the request is pending (the spec says
   * `token_id` is only populated once the request succeeds).
   * @default false
   */
  echoTokenIdWhilePending: boolean;
  /**
   * Refresh by token id of a token that was never minted: accepted and ignored, or 404.
   * @default 'ignore'
   */
  refreshUnknownTokenId: 'ignore' | '404';
  /**
   * Refresh of a `metadata_id` the collection does not have: accepted and ignored, or 404.
   * @default '404'
   */
  refreshUnknownMetadataId: 'ignore' | '404';
  /**
   * Type of `data.amount` in `imtbl_zkevm_mint_request_updated` for ERC-1155: the SDK's
   * webhook typing says number, REST says string (REFERENCE.md §10.6).
   * @default 'number'
   */
  mintEventAmount: 'number' | 'string';
}

export const DEFAULT_BEHAVIOUR: Readonly<FakeBehaviour> = Object.freeze({
  duplicateReferenceIdInRequest: 400,
  unknownReferenceId: 'empty-list',
  resubmitPending: 409,
  erc721TokenIdReuse: 409,
  erc1155MetadataOnExisting: 'conflict',
  metadataConflictDetailsId: 'metadata',
  validateAddresses: true,
  unknownMetadataKeys: 'drop',
  rateLimitValueFormat: 'docs',
  unknownCollection: 404,
  chainMismatch: 403,
  refreshCost: 'per-item',
  strictMetadata: false,
  echoTokenIdWhilePending: false,
  refreshUnknownTokenId: 'ignore',
  refreshUnknownMetadataId: '404',
  mintEventAmount: 'number',
});
