import type { ModelContext } from './context.js';
import { HttpError } from './http-error.js';
import type { ResolvedApiKey } from './options.js';
import type { CollectionState } from './store.js';

/** What the router hands a route: the parsed path and query. */
export interface RouteInput {
  request: Request;
  chainName: string;
  /** Lower-cased `contract_address` path segment, when the route has one. */
  address: string;
  /** The last path parameter (reference_id, token_id, metadata_id), when the route has one. */
  param: string;
  query: URLSearchParams;
  /** The body text when the transport already read it; else the body is read from `request`. */
  rawBody: string | undefined;
}

export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Auth for key-protected routes, in the order a gateway would check: key present and
 * known (401), key of this environment (403), chain of this environment, collection known,
 * key allowed on it (403). The key itself never appears in a message.
 */
export function authorise(
  ctx: ModelContext,
  input: RouteInput,
): { key: ResolvedApiKey; col: CollectionState } {
  const raw = input.request.headers.get('x-immutable-api-key');
  const key = raw === null ? undefined : ctx.state.keys.get(raw);
  if (!key) {
    throw new HttpError(
      401,
      raw === null ? 'missing x-immutable-api-key header' : 'the API key is not valid',
      null,
    );
  }
  if (key.environment !== ctx.options.environment) {
    throw new HttpError(403, `the API key does not belong to the ${ctx.options.environment} environment`);
  }
  if (input.chainName !== ctx.chain.name) {
    const status = ctx.options.behaviour.chainMismatch;
    throw new HttpError(status, `chain ${input.chainName} does not match the API key's environment`);
  }
  const col = findCollection(ctx, input.address, ctx.options.behaviour.unknownCollection);
  if (col.info.apiKeys && !col.info.apiKeys.has(key.key)) {
    throw new HttpError(403, `the API key is not linked to collection ${col.info.address}`);
  }
  return { key, col };
}

/** Read routes: no key; the other environment's chain simply has none of this data. */
export function readCollection(ctx: ModelContext, input: RouteInput): CollectionState {
  if (input.chainName !== ctx.chain.name)
    throw new HttpError(404, `chain ${input.chainName} has no such collection`);
  return findCollection(ctx, input.address, 404);
}

function findCollection(ctx: ModelContext, address: string, status: 404 | 403): CollectionState {
  const col = ctx.state.collections.get(address);
  if (!col) throw new HttpError(status, `collection ${address} was not found`);
  return col;
}

export async function readJson(input: RouteInput): Promise<unknown> {
  const text = input.rawBody ?? (await input.request.text());
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not valid JSON', { id: 'body', field: 'body' });
  }
}
