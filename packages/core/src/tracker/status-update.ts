import type { MintRequestStatus, StatusUpdate } from '../types.js';

/** The REST record (`GET`/list mint-requests, snake_case) as a tracker update. */
export function statusUpdateFromRecord(collection: string, record: MintRequestStatus): StatusUpdate {
  return {
    collection,
    referenceId: record.reference_id,
    status: record.status,
    tokenId: record.token_id,
    owner: record.owner_address,
    amount: record.amount ?? null,
    transactionHash: record.transaction_hash,
    activityId: record.activity_id ?? null,
    errorMessage: record.error?.message ?? undefined,
    updatedAt: record.updated_at,
  };
}
