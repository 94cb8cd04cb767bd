import { MAX_REFRESH_BY_METADATA_ID, MAX_REFRESH_BY_TOKEN, MAX_REFRESH_BYTES } from './constants.js';
import type { ModelContext } from './context.js';
import { fieldError, HttpError, validationError } from './http-error.js';
import { canonicalMetadata, type NormalisedMetadata, parseMetadata } from './metadata.js';
import { formatLimitValues } from './rate-limit.js';
import { authorise, type RouteInput, type RouteResult, readJson } from './request-context.js';
import { attachStack, stackFor } from './stacks.js';
import type { CollectionState } from './store.js';
import { isAddress, isUint256, utf8Bytes } from './values.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_ID_KEY = new Set(['token_id']);
const METADATA_ID_KEY = new Set(['metadata_id']);

/** Shared by both refresh routes: list bounds, the 228 KiB limit, then every item. */
function parseList<T>(
  ctx: ModelContext,
  body: unknown,
  field: string,
  max: number,
  item: (raw: Record<string, unknown>, i: number, metadata: NormalisedMetadata) => T,
  skipKeys: ReadonlySet<string>,
): T[] {
  const list =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (!Array.isArray(list)) throw fieldError(field, 'is required and must be an array');
  if (list.length < 1 || list.length > max)
    throw fieldError(field, `must contain 1 to ${max} items, got ${list.length}`);
  const bytes = utf8Bytes(JSON.stringify(list));
  if (bytes > MAX_REFRESH_BYTES)
    throw fieldError(field, `is ${bytes} bytes; the limit is ${MAX_REFRESH_BYTES} (228 KiB)`);
  return list.map((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw fieldError(`${field}[${i}]`, 'must be an object');
    const metadata = parseMetadata(
      raw,
      { path: `${field}[${i}]` },
      {
        behaviour: ctx.options.behaviour,
        requireAllKeys: true,
        strict: false,
        skipKeys,
      },
    );
    return item(raw as Record<string, unknown>, i, metadata);
  });
}

function chargeRefresh(ctx: ModelContext, project: string, items: number): RouteResult {
  const cost = ctx.options.behaviour.refreshCost === 'per-item' ? items : 1;
  const { ok, snapshot } = ctx.refreshWindow(project).tryCharge(cost, ctx.clock.now());
  const v = formatLimitValues(snapshot, ctx.options.behaviour.rateLimitValueFormat);
  const headers = {
    'imx-refreshes-limit': v.limit,
    'imx-refresh-limit-reset': v.reset,
    'imx-remaining-refreshes': v.remaining,
  };
  if (!ok) {
    throw new HttpError(429, 'too many metadata refreshes; retry after the time in Retry-After', null, {
      ...headers,
      'retry-after': v.retryAfterHeader,
    });
  }
  return {
    status: 202,
    body: {
      imx_refreshes_limit: v.limit,
      imx_refresh_limit_reset: v.reset,
      imx_remaining_refreshes: v.remaining,
      retry_after: v.retryAfter,
    },
    headers: { ...headers, 'retry-after': v.retryAfter },
  };
}

export async function refreshByTokenId(ctx: ModelContext, input: RouteInput): Promise<RouteResult> {
  const { key, col } = authorise(ctx, input);
  const body = await readJson(input);
  const items = parseList(
    ctx,
    body,
    'nft_metadata',
    MAX_REFRESH_BY_TOKEN,
    (raw, i, metadata) => {
      if (!isUint256(raw.token_id))
        throw fieldError(`nft_metadata[${i}].token_id`, 'must be a uint256 decimal string');
      return { tokenId: raw.token_id, metadata };
    },
    TOKEN_ID_KEY,
  );
  if (ctx.options.behaviour.refreshUnknownTokenId === '404') {
    const missing = items.filter((it) => !col.nfts.has(it.tokenId)).map((it) => it.tokenId);
    if (missing.length > 0)
      throw new HttpError(404, `NFTs not found: ${missing.join(', ')}`, { id: 'token_id', values: missing });
  }
  const result = chargeRefresh(ctx, key.project, items.length);
  const now = ctx.clock.now();
  for (const { tokenId, metadata } of items) {
    const nft = col.nfts.get(tokenId);
    if (!nft) continue;
    // A refresh is a full replacement: the NFT moves to the stack of its new metadata.
    attachStack(ctx, nft, stackFor(ctx, col, metadata));
    nft.updatedAt = now;
    ctx.emit('imtbl_zkevm_nft_updated', () => ctx.ser.nft(nft, col.info.type));
  }
  return result;
}

export async function refreshByMetadataId(ctx: ModelContext, input: RouteInput): Promise<RouteResult> {
  // This operation's path parameter carries the spec's Address pattern.
  if (!isAddress(input.address))
    throw validationError('contract_address must be 0x followed by 40 hex digits', {
      id: 'contract_address',
      field: 'contract_address',
    });
  const { key, col } = authorise(ctx, input);
  const body = await readJson(input);
  const items = parseList(
    ctx,
    body,
    'metadata',
    MAX_REFRESH_BY_METADATA_ID,
    (raw, i, metadata) => {
      if (typeof raw.metadata_id !== 'string' || !UUID.test(raw.metadata_id)) {
        throw fieldError(`metadata[${i}].metadata_id`, 'must be a UUID');
      }
      return { metadataId: raw.metadata_id.toLowerCase(), metadata };
    },
    METADATA_ID_KEY,
  );
  if (ctx.options.behaviour.refreshUnknownMetadataId === '404') {
    const missing = items.filter((it) => !col.stacksById.has(it.metadataId)).map((it) => it.metadataId);
    if (missing.length > 0) {
      throw new HttpError(404, `metadata not found: ${missing.join(', ')}`, {
        id: 'metadata_id',
        values: missing,
      });
    }
  }
  const result = chargeRefresh(ctx, key.project, items.length);
  for (const { metadataId, metadata } of items) restack(ctx, col, metadataId, metadata);
  return result;
}

/** Replaces a stack's content in place: every NFT on it changes, its metadata_id does not. */
function restack(ctx: ModelContext, col: CollectionState, id: string, content: NormalisedMetadata): void {
  const stack = col.stacksById.get(id);
  if (!stack) return;
  const now = ctx.clock.now();
  if (col.stacksByKey.get(stack.key) === stack) col.stacksByKey.delete(stack.key);
  stack.key = canonicalMetadata(content);
  stack.content = content;
  stack.updatedAt = now;
  if (!col.stacksByKey.has(stack.key)) col.stacksByKey.set(stack.key, stack);
  ctx.emit('imtbl_zkevm_metadata_updated', () => ctx.ser.metadata(stack));
  for (const nft of stack.nfts) {
    nft.metadata = content;
    nft.metadataSyncedAt = now;
    nft.updatedAt = now;
    ctx.emit('imtbl_zkevm_nft_updated', () => ctx.ser.nft(nft, col.info.type));
  }
}
