import type { ModelContext } from './context.js';
import { fieldError, HttpError } from './http-error.js';
import { acceptAssets } from './lifecycle.js';
import { paginate } from './pagination.js';
import { formatLimitValues, type LimitSnapshot } from './rate-limit.js';
import { authorise, type RouteInput, type RouteResult, readJson } from './request-context.js';
import type { CollectionState, MintStatus } from './store.js';
import { type ValidAsset, validateMintBody } from './validate-mint.js';

const STATUSES = new Set<string>(['pending', 'succeeded', 'failed']);

function mintLimitFields(ctx: ModelContext, s: LimitSnapshot) {
  const v = formatLimitValues(s, ctx.options.behaviour.rateLimitValueFormat);
  const body = {
    imx_mint_requests_limit: v.limit,
    imx_mint_requests_limit_reset: v.reset,
    imx_remaining_mint_requests: v.remaining,
    imx_mint_requests_retry_after: v.retryAfter,
  };
  const headers: Record<string, string> = {
    'imx-mint-requests-limit': v.limit,
    'imx-mint-requests-limit-reset': v.reset,
    'imx-remaining-mint-requests': v.remaining,
    'imx-mint-requests-retry-after': v.retryAfter,
  };
  return { body, headers, retryAfterHeader: v.retryAfterHeader };
}

/**
 * The whole request is checked against the state before anything changes, so a 409 (like
 * a 400 or a 429) leaves no trace: Immutable rejects the request atomically.
 */
function findConflicts(ctx: ModelContext, col: CollectionState, assets: ValidAsset[]): ValidAsset[] {
  const b = ctx.options.behaviour;
  const refs: string[] = [];
  const fresh: ValidAsset[] = [];
  // validateMintBody already refused in-request duplicates unless they are configured as 409.
  const seenRefs = b.duplicateReferenceIdInRequest === 409 ? new Set<string>() : null;
  for (const a of assets) {
    const ref = a.referenceId;
    const existing = col.requests.get(ref);
    if (seenRefs?.has(ref)) refs.push(ref);
    else if (existing?.status === 'succeeded') refs.push(ref);
    else if (existing?.status === 'pending') {
      if (b.resubmitPending === 409) refs.push(ref);
      seenRefs?.add(ref);
      continue; // 202 mode: already accepted, nothing to do for this asset
    }
    seenRefs?.add(ref);
    fresh.push(a);
  }
  if (refs.length > 0) {
    throw new HttpError(409, 'reference_id already used for this collection', {
      id: 'reference_id',
      values: refs,
    });
  }
  if (col.info.type === 'ERC721') {
    const used: string[] = [];
    const seen = new Set<string>();
    let first: ValidAsset | undefined;
    for (const a of fresh) {
      if (a.tokenId === null) continue;
      if (seen.has(a.tokenId) || col.reservedTokenIds.has(a.tokenId)) {
        used.push(a.tokenId);
        first ??= a;
      }
      seen.add(a.tokenId);
    }
    if (first) {
      if (b.erc721TokenIdReuse === 400) {
        throw fieldError(`assets[${first.index}].token_id`, 'is already minted or pending', {
          index: first.index,
          referenceId: first.referenceId,
        });
      }
      throw new HttpError(409, 'token_id already minted or pending', { id: 'token_id', values: used });
    }
  } else {
    const conflicts: string[] = [];
    const seen = new Set<string>();
    for (const a of fresh) {
      const tokenId = a.tokenId as string;
      const exists = seen.has(tokenId) || (col.erc1155Mints.get(tokenId) ?? 0) > 0;
      seen.add(tokenId);
      if (!exists || a.metadata === null) continue;
      if (b.erc1155MetadataOnExisting === 'ignore') a.metadata = null;
      else conflicts.push(tokenId);
    }
    if (conflicts.length > 0) {
      throw new HttpError(409, 'metadata can only be set by the first mint of an ERC1155 token_id', {
        id: b.metadataConflictDetailsId,
        values: conflicts,
      });
    }
  }
  return fresh;
}

/** Cost in the server's units: distinct token_ids, plus one per ERC-721 asset without one. */
export function mintCost(assets: readonly ValidAsset[]): number {
  const ids = new Set<string>();
  let anonymous = 0;
  for (const a of assets) {
    if (a.tokenId === null) anonymous++;
    else ids.add(a.tokenId);
  }
  return ids.size + anonymous;
}

export async function createMintRequest(ctx: ModelContext, input: RouteInput): Promise<RouteResult> {
  const { key, col } = authorise(ctx, input);
  const body = await readJson(input);
  const assets = validateMintBody(body, col.info.type, ctx.options.behaviour);
  const fresh = findConflicts(ctx, col, assets);
  const bucket = ctx.bucket(key.project);
  const charge = bucket.tryCharge(mintCost(fresh), ctx.clock.now());
  const limits = mintLimitFields(ctx, charge.snapshot);
  if (!charge.ok) {
    throw new HttpError(429, 'too many mint requests; retry after the time in Retry-After', null, {
      ...limits.headers,
      'retry-after': limits.retryAfterHeader,
    });
  }
  acceptAssets(ctx, col, fresh, key.project);
  ctx.state.counters.requestsAccepted++;
  ctx.state.counters.assetsAccepted += fresh.length;
  return { status: 202, body: limits.body, headers: limits.headers };
}

export function listMintRequests(ctx: ModelContext, input: RouteInput): RouteResult {
  const { col } = authorise(ctx, input);
  const status = input.query.get('status');
  if (status !== null && !STATUSES.has(status))
    throw fieldError('status', 'must be pending, succeeded or failed');
  const page = paginate(
    col.requestOrder,
    input.query,
    status === null ? undefined : (r) => r.status === (status as MintStatus),
  );
  return { status: 200, body: { result: page.result.map(ctx.ser.mintRequest), page: page.page } };
}

export function getMintRequest(ctx: ModelContext, input: RouteInput): RouteResult {
  const { col } = authorise(ctx, input);
  const r = col.requests.get(input.param);
  if (!r && ctx.options.behaviour.unknownReferenceId === '404') {
    throw new HttpError(404, `mint request ${input.param} was not found`);
  }
  return {
    status: 200,
    body: { result: r ? [ctx.ser.mintRequest(r)] : [], page: { previous_cursor: null, next_cursor: null } },
  };
}
