import { CHAINS, FAKE_MINTER_ADDRESS, MAX_TOKEN_ID_FILTER } from './constants.js';
import type { ModelContext } from './context.js';
import { fieldError, HttpError } from './http-error.js';
import { paginate } from './pagination.js';
import { type RouteInput, type RouteResult, readCollection } from './request-context.js';
import type { NftState } from './store.js';
import { isUint256 } from './values.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fromUpdatedAt(query: URLSearchParams): number | null {
  const raw = query.get('from_updated_at');
  if (raw === null) return null;
  const ms = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(ms))
    throw fieldError('from_updated_at', 'must be an RFC 3339 date-time');
  return ms;
}

export function getNft(ctx: ModelContext, input: RouteInput): RouteResult {
  const col = readCollection(ctx, input);
  if (!isUint256(input.param)) throw fieldError('token_id', 'must be a uint256 decimal string');
  const nft = col.nfts.get(input.param);
  if (!nft) throw new HttpError(404, `NFT ${input.param} was not found`);
  return { status: 200, body: { result: ctx.ser.nft(nft, col.info.type) } };
}

export function listNfts(ctx: ModelContext, input: RouteInput): RouteResult {
  const col = readCollection(ctx, input);
  const tokenIds = input.query.getAll('token_id');
  if (tokenIds.length > MAX_TOKEN_ID_FILTER) {
    throw fieldError('token_id', `accepts at most ${MAX_TOKEN_ID_FILTER} values, got ${tokenIds.length}`);
  }
  tokenIds.forEach((t, i) => {
    if (!isUint256(t)) throw fieldError(`token_id[${i}]`, 'must be a uint256 decimal string');
  });
  const from = fromUpdatedAt(input.query);
  const keep = from === null ? undefined : (n: NftState) => n.updatedAt >= from;
  // With a token_id filter the candidates are looked up directly, then ordered like the list.
  const items =
    tokenIds.length === 0
      ? col.nftOrder
      : [...new Set(tokenIds)]
          .map((t) => col.nfts.get(t))
          .filter((n): n is NftState => n !== undefined)
          .sort((a, b) => a.seq - b.seq);
  const page = paginate(items, input.query, keep);
  return {
    status: 200,
    body: { result: page.result.map((n) => ctx.ser.nft(n, col.info.type)), page: page.page },
  };
}

export function getMetadata(ctx: ModelContext, input: RouteInput): RouteResult {
  const col = readCollection(ctx, input);
  if (!UUID.test(input.param)) throw fieldError('metadata_id', 'must be a UUID');
  const stack = col.stacksById.get(input.param.toLowerCase());
  if (!stack) throw new HttpError(404, `metadata ${input.param} was not found`);
  return { status: 200, body: { result: ctx.ser.metadata(stack) } };
}

export function listMetadata(ctx: ModelContext, input: RouteInput): RouteResult {
  const col = readCollection(ctx, input);
  const from = fromUpdatedAt(input.query);
  const page = paginate(
    col.stackOrder,
    input.query,
    from === null ? undefined : (s) => (s.updatedAt ?? s.createdAt) >= from,
  );
  return { status: 200, body: { result: page.result.map(ctx.ser.metadata), page: page.page } };
}

export function listChains(_ctx: ModelContext, input: RouteInput): RouteResult {
  const chains = (['sandbox', 'production'] as const).map((env, i) => ({ seq: i + 1, env }));
  const page = paginate(chains, input.query);
  return {
    status: 200,
    body: {
      result: page.result.map(({ env }) => ({
        id: CHAINS[env].id,
        name: CHAINS[env].name,
        rpc_url: CHAINS[env].rpcUrl,
        operator_allowlist_address: CHAINS[env].operatorAllowlistAddress,
        minter_address: FAKE_MINTER_ADDRESS,
      })),
      page: page.page,
    },
  };
}
