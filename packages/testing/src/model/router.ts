import { CHAINS } from './constants.js';
import type { ModelContext } from './context.js';
import { errorResponse, HttpError, jsonResponse } from './http-error.js';
import type { RouteInput, RouteResult } from './request-context.js';
import { createMintRequest, getMintRequest, listMintRequests } from './routes-mint.js';
import { getMetadata, getNft, listChains, listMetadata, listNfts } from './routes-read.js';
import { refreshByMetadataId, refreshByTokenId } from './routes-refresh.js';

type Handler = (ctx: ModelContext, input: RouteInput) => RouteResult | Promise<RouteResult>;
type Methods = Partial<Record<'GET' | 'POST', Handler>>;

const KNOWN_CHAINS = new Set(Object.values(CHAINS).map((c) => c.name));

/**
 * Matches `/v1/chains/{chain}/collections/{address}/…` by segments (no regex table: the
 * route set is small and fixed). Returns the handlers of the route, or undefined.
 */
function match(
  segments: string[],
): { methods: Methods; input: Omit<RouteInput, 'request' | 'query' | 'rawBody'> } | undefined {
  const [v1, chains, chainName = '', collections, address = '', kind, a, b, ...rest] = segments;
  if (v1 !== 'v1' || chains !== 'chains') return undefined;
  if (segments.length === 2)
    return { methods: { GET: listChains }, input: { chainName: '', address: '', param: '' } };
  if (collections !== 'collections' || segments.length < 6 || rest.length > 0) return undefined;
  const base = { chainName, address: address.toLowerCase(), param: '' };
  if (kind === 'nfts') {
    if (a === undefined) return { methods: { GET: listNfts }, input: base };
    if (a === 'mint-requests') {
      if (b === undefined)
        return { methods: { GET: listMintRequests, POST: createMintRequest }, input: base };
      return { methods: { GET: getMintRequest }, input: { ...base, param: b } };
    }
    if (b !== undefined) return undefined;
    if (a === 'refresh-metadata') return { methods: { POST: refreshByTokenId }, input: base };
    return { methods: { GET: getNft }, input: { ...base, param: a } };
  }
  if (kind === 'metadata' && b === undefined) {
    if (a === undefined) return { methods: { GET: listMetadata }, input: base };
    if (a === 'refresh-metadata') return { methods: { POST: refreshByMetadataId }, input: base };
    return { methods: { GET: getMetadata }, input: { ...base, param: a } };
  }
  return undefined;
}

function decodeSegments(pathname: string): string[] {
  try {
    return pathname
      .split('/')
      .filter((s) => s.length > 0)
      .map(decodeURIComponent);
  } catch {
    return [];
  }
}

/** The model's one entry point: a Web Request in, a Web Response out, never a throw. */
export async function route(ctx: ModelContext, request: Request, rawBody?: string): Promise<Response> {
  const traceId = ctx.ids.hex(32);
  try {
    const url = new URL(request.url);
    const found = match(decodeSegments(url.pathname));
    if (!found) throw new HttpError(404, `no route for ${request.method} ${url.pathname}`);
    const { chainName } = found.input;
    if (chainName !== '' && !KNOWN_CHAINS.has(chainName))
      throw new HttpError(404, `chain ${chainName} was not found`);
    const handler = found.methods[request.method as 'GET' | 'POST'];
    if (!handler) {
      // The spec has no 405 code; answer 404 RESOURCE_NOT_FOUND and say what is allowed.
      throw new HttpError(404, `${request.method} is not supported on ${url.pathname}`, null, {
        allow: Object.keys(found.methods).join(', '),
      });
    }
    const result = await handler(ctx, { ...found.input, request, query: url.searchParams, rawBody });
    return jsonResponse(result.status, result.body, traceId, result.headers);
  } catch (error) {
    if (!(error instanceof HttpError)) {
      // A bug in the fake: kept for inspection (model.internalErrors) instead of logged.
      ctx.state.internalErrors.push(error);
      ctx.state.counters.requestsRejected++;
      return errorResponse(new HttpError(500, 'internal error in the fake Immutable API'), traceId);
    }
    ctx.state.counters.requestsRejected++;
    return errorResponse(error, traceId);
  }
}
