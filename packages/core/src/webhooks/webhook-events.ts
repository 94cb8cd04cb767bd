import { z } from 'zod';
import type { StatusUpdate } from '../types.js';
import { webhookError } from './webhook-error-codes.js';

/** Event names the official SDK knows (REFERENCE.md §10.5). Others are ignored, not errors. */
export const KNOWN_WEBHOOK_EVENTS: ReadonlySet<string> = new Set([
  'imtbl_zkevm_mint_request_updated',
  'imtbl_zkevm_activity_mint',
  'imtbl_zkevm_activity_burn',
  'imtbl_zkevm_activity_transfer',
  'imtbl_zkevm_activity_sale',
  'imtbl_zkevm_activity_deposit',
  'imtbl_zkevm_activity_withdrawal',
  'imtbl_zkevm_collection_updated',
  'imtbl_zkevm_nft_updated',
  'imtbl_zkevm_metadata_updated',
  'imtbl_zkevm_token_updated',
  'imtbl_zkevm_order_updated',
  'imtbl_zkevm_trade_created',
]);

const envelopeSchema = z.looseObject({
  event_name: z.string().min(1),
  event_id: z.string().min(1),
  chain: z.unknown().optional(),
  data: z.record(z.string(), z.unknown()),
});

/** An Immutable event: the `Message` of an SNS notification, or the HMAC-mode body. */
export type ImmutableWebhookEvent = z.infer<typeof envelopeSchema>;

const optionalText = z.string().nullable().optional();
const uintText = z.string().regex(/^(0|[1-9][0-9]*)$/, 'must be a decimal integer');

// REFERENCE.md §10.6. `amount` is a number in the SDK typing and a string in REST (both
// accepted); `metadata_id` may be null; `contract_address` (webhook) or `collection_address` (REST).
const mintRequestUpdatedSchema = z
  .looseObject({
    contract_address: z.string().min(1).optional(),
    collection_address: z.string().min(1).optional(),
    reference_id: z.string().min(1),
    owner_address: z.string().optional(),
    metadata_id: optionalText,
    token_id: z.union([uintText, z.number().int().nonnegative()]).nullable().optional(),
    amount: z.union([uintText, z.number().int().nonnegative()]).nullable().optional(),
    status: z.string().min(1),
    transaction_hash: optionalText,
    activity_id: optionalText,
    error: z
      .looseObject({ code: z.string().optional(), message: z.string().optional() })
      .nullable()
      .optional(),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
  })
  .refine((d) => d.contract_address !== undefined || d.collection_address !== undefined, {
    message: 'contract_address (or collection_address) is required',
    path: ['contract_address'],
  });

/** Parses `Message` text into an event envelope; `MALFORMED_BODY` when it is not one. */
export function parseEventEnvelope(text: string): ImmutableWebhookEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw webhookError('MALFORMED_BODY', 'the event is not JSON', cause);
  }
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success)
    throw webhookError('MALFORMED_BODY', `the event envelope is invalid: ${describe(parsed.error)}`);
  return parsed.data;
}

const STATUSES = new Set(['pending', 'succeeded', 'failed']);

/**
 * The tracker's view of an `imtbl_zkevm_mint_request_updated` event, or `null` for a status
 * this version does not know (ignored rather than refused: the set may grow).
 */
export function statusUpdateFromEvent(event: ImmutableWebhookEvent): StatusUpdate | null {
  const parsed = mintRequestUpdatedSchema.safeParse(event.data);
  if (!parsed.success) {
    throw webhookError(
      'MALFORMED_BODY',
      `imtbl_zkevm_mint_request_updated data is invalid: ${describe(parsed.error)}`,
    );
  }
  const d = parsed.data;
  if (!STATUSES.has(d.status)) return null;
  const text = (v: string | number | null | undefined) => (v === undefined || v === null ? v : String(v));
  const update: StatusUpdate = {
    collection: (d.contract_address ?? d.collection_address) as string,
    referenceId: d.reference_id,
    status: d.status as StatusUpdate['status'],
    tokenId: text(d.token_id),
    amount: text(d.amount),
    transactionHash: d.transaction_hash,
    activityId: d.activity_id,
  };
  if (d.owner_address !== undefined) update.owner = d.owner_address;
  if (d.error?.message !== undefined) update.errorMessage = d.error.message;
  if (d.updated_at !== undefined) update.updatedAt = d.updated_at;
  return update;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ');
}
