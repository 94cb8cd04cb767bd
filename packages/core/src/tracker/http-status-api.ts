import { z } from 'zod';
import { ApiError } from '../errors/errors.js';
import type { HttpClient } from '../submitter/http-client.js';
import type { MintRequestStatus } from '../types.js';
import type { StatusApi } from './list-scan.js';

/**
 * The poller's reads over the engine's HTTP client (ky; the API key stays inside it).
 * 404 and an empty list both mean "not found" (REFERENCE.md §4); other non-2xx results
 * become typed errors, so a 429 reaches the poller as a `RateLimitedError`.
 */
// Lenient on purpose: only what the tracker relies on is checked; other fields pass through.
const recordSchema = z.looseObject({
  reference_id: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
});
const listSchema = z.looseObject({
  result: z.array(recordSchema),
  page: z.looseObject({ next_cursor: z.string().nullable().optional() }).nullable().optional(),
});

/** A 200 whose body is not a mint-request list: a proxy or a changed API, never silently accepted. */
function parseList(data: unknown, url: string): z.infer<typeof listSchema> {
  const parsed = listSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues[0]?.path.join('.') || 'body';
  throw new ApiError(`unexpected mint-request list from ${url}: ${where} is malformed`, {
    status: 200,
    code: 'MALFORMED_RESPONSE',
  });
}

export function createHttpStatusApi(
  http: Pick<HttpClient, 'send' | 'toError'>,
  collectionUrl: (collection: string) => string,
): StatusApi {
  return {
    async get(collection, referenceId) {
      const url = `${collectionUrl(collection)}/nfts/mint-requests/${encodeURIComponent(referenceId)}`;
      const result = await http.send('GET', url);
      if (result.status === 404) return null;
      if (result.status !== 200) throw http.toError(result, 'read');
      return (parseList(result.data, url).result[0] as unknown as MintRequestStatus | undefined) ?? null;
    },
    async list(collection, query) {
      const params = new URLSearchParams({ status: query.status, page_size: String(query.pageSize) });
      if (query.pageCursor) params.set('page_cursor', query.pageCursor);
      const url = `${collectionUrl(collection)}/nfts/mint-requests?${params}`;
      const result = await http.send('GET', url);
      if (result.status !== 200) throw http.toError(result, 'read');
      const body = parseList(result.data, url);
      return {
        result: body.result as unknown as MintRequestStatus[],
        page: { next_cursor: body.page?.next_cursor ?? null },
      };
    },
  };
}
